import os
import subprocess
import sys

from zhengxie.settings import https_settings
from zhengxie.testing import PASSWORD


def _log_in(client, p, **extra):
    return client.post("/login/", {"username": p.staff.username, "password": PASSWORD}, **extra)


def test_secure_cookie_and_hsts_when_served_over_https(p, client, settings):
    for name, value in https_settings(True).items():
        setattr(settings, name, value)
    # The proxy in front terminates TLS and says so in X-Forwarded-Proto.
    response = _log_in(client, p, HTTP_X_FORWARDED_PROTO="https")
    assert response.cookies["sessionid"]["secure"] is True
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_deployment_keeps_cookies_usable_and_sends_no_hsts(p, client, settings):
    for name, value in https_settings(False).items():
        setattr(settings, name, value)
    response = _log_in(client, p)
    assert not response.cookies["sessionid"]["secure"]
    assert "Strict-Transport-Security" not in response


def test_served_over_https_is_read_from_the_environment(tmp_path):
    code = (
        "from zhengxie import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    env = {"SERVED_OVER_HTTPS": "1", "ZHENGXIE_VAR": str(tmp_path), "SECRET_KEY": "x"}
    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert out.stdout.split() == ["True", "True", "31536000"]
