"""The SMTP settings read from the environment, the password also from a secret file."""

import pytest

from wayfinder.environment import ConfigurationError, env_int, env_secret


@pytest.mark.parametrize(("raw", "expected"), [(None, 587), ("", 587), ("25", 25), (" 465 ", 465)])
def test_env_int(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("WAYFINDER_SMTP_PORT", raising=False)
    else:
        monkeypatch.setenv("WAYFINDER_SMTP_PORT", raw)
    assert env_int("WAYFINDER_SMTP_PORT", 587) == expected


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("WAYFINDER_SMTP_PORT", "submission")
    with pytest.raises(ConfigurationError, match="WAYFINDER_SMTP_PORT must be a whole number"):
        env_int("WAYFINDER_SMTP_PORT", 587)


def test_env_secret_prefers_the_file(monkeypatch, tmp_path):
    secret = tmp_path / "smtp_password"
    secret.write_text("from the file\n")
    monkeypatch.setenv("WAYFINDER_SMTP_PASSWORD", "from the variable")
    assert env_secret("WAYFINDER_SMTP_PASSWORD") == "from the variable"
    monkeypatch.setenv("WAYFINDER_SMTP_PASSWORD_FILE", str(secret))
    assert env_secret("WAYFINDER_SMTP_PASSWORD") == "from the file"


def test_env_secret_unset_and_unreadable(monkeypatch, tmp_path):
    monkeypatch.delenv("WAYFINDER_SMTP_PASSWORD", raising=False)
    monkeypatch.delenv("WAYFINDER_SMTP_PASSWORD_FILE", raising=False)
    assert env_secret("WAYFINDER_SMTP_PASSWORD") == ""
    monkeypatch.setenv("WAYFINDER_SMTP_PASSWORD_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigurationError, match="WAYFINDER_SMTP_PASSWORD_FILE: cannot read"):
        env_secret("WAYFINDER_SMTP_PASSWORD")
