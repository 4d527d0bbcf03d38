import json
import os
import subprocess
import sys


def settings_under(env: dict[str, str]) -> dict:
    code = (
        "import json; from wayfinder import settings as s; print(json.dumps({k: getattr(s, k) "
        "for k in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS', 'DEBUG']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_cookies_are_secure_when_served_over_https():
    values = settings_under({"WAYFINDER_HTTPS": "1"})
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True


def test_plain_http_on_localhost_by_default():
    values = settings_under({"WAYFINDER_HTTPS": "0"})
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["DEBUG"] is False
