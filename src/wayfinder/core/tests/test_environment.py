import os
import stat

import pytest

from wayfinder import environment
from wayfinder.environment import ConfigurationError, env_bool, env_list


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("YES", True), ("on", True), ("0", False), ("off", False)],
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("WAYFINDER_DEBUG", raw)
    assert env_bool("WAYFINDER_DEBUG") is expected


def test_env_bool_defaults_when_absent(monkeypatch):
    monkeypatch.delenv("WAYFINDER_DEBUG", raising=False)
    assert env_bool("WAYFINDER_DEBUG") is False
    assert env_bool("WAYFINDER_DEBUG", default=True) is True


def test_env_bool_refuses_nonsense_with_a_readable_message(monkeypatch):
    monkeypatch.setenv("WAYFINDER_DEBUG", "maybe")
    with pytest.raises(ConfigurationError, match="WAYFINDER_DEBUG must be one of"):
        env_bool("WAYFINDER_DEBUG")


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("WAYFINDER_ALLOWED_HOSTS", " wayfinder.example.com, localhost ,")
    assert env_list("WAYFINDER_ALLOWED_HOSTS", []) == ["wayfinder.example.com", "localhost"]


def test_data_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(tmp_path / "career"))
    assert environment.data_dir() == tmp_path / "career"
    assert environment.sqlite_path() == tmp_path / "career" / "wayfinder.sqlite3"


@pytest.mark.parametrize("xdg", [None, "/srv/xdg-data"])
def test_data_dir_defaults_to_platformdirs(monkeypatch, xdg):
    from platformdirs import user_data_dir

    monkeypatch.delenv("WAYFINDER_DATA_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert str(environment.data_dir()) == user_data_dir("wayfinder", appauthor=False)


def test_secret_key_is_generated_once_and_private(monkeypatch, tmp_path):
    monkeypatch.delenv("WAYFINDER_SECRET_KEY", raising=False)
    first = environment.secret_key(tmp_path)
    second = environment.secret_key(tmp_path)
    assert first == second
    assert len(first) >= 50
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_secret_key_from_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("WAYFINDER_SECRET_KEY", "from-env")
    assert environment.secret_key(tmp_path) == "from-env"
    assert not (tmp_path / "secret_key").exists()
