"""`make run` serves with gunicorn and WhiteNoise: start `zhengxie serve` on a free port and
fetch what a browser would."""

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def _wait_for(url: str, server: subprocess.Popen) -> None:
    # collectstatic compresses every file first: on a loaded 2-core machine that takes a while.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"服务未启动:{server.stdout.read()}")
        try:
            _get(url)
            return
        # A server busy compressing accepts the connection and answers late: TimeoutError.
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise AssertionError("服务 120 秒内未响应")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`zhengxie serve` on its own migrated SQLite database (whatever the suite's database:
    this tests the server, not the queries)."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    env |= {"ZHENGXIE_VAR": str(tmp_path_factory.mktemp("serve")), "HOST": f"127.0.0.1:{port}"}
    manage = [sys.executable, "-m", "zhengxie.manage"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    server = subprocess.Popen(
        [*manage, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/login/", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode == 0, server.stdout.read()


def test_make_run_serves_the_login_page_with_gunicorn(served):
    status, headers, body = _get(f"{served}/login/")
    assert status == 200
    assert "gunicorn" in headers["Server"]
    assert "登录" in body.decode()


def test_static_files_are_served_hashed_compressed_and_cached_for_good(served):
    page = _get(f"{served}/login/")[2].decode()
    css = re.search(r'href="(/static/zhengxie/site\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page links the content-hashed stylesheet"
    status, headers, body = _get(served + css[1], **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"])[1]) >= 365 * 24 * 3600


def test_echarts_is_served_from_our_own_static_files(served):
    # The dashboard's charts reach no CDN: WhiteNoise serves the vendored build, compressed.
    url = f"{served}/static/reports/echarts/echarts.min.js"
    status, headers, body = _get(url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert b't.version="5.6.0"' in gzip.decompress(body)
