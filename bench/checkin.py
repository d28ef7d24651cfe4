"""300 check-ins fired at once at the server `make run` starts (runserver, SQLite, demo data).

Starts that server on its own database under a temporary folder, logs every demo member in
through the API, creates a plenary meeting for all of them, then fires 300 check-ins
concurrently (each member once, 25 of them twice) and reports latencies and errors.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
BIN = Path(sys.executable).parent


def _call(path: str, data: dict | None = None, token: str = "") -> tuple[int, dict, float]:
    body = json.dumps(data or {}).encode()
    request = urllib.request.Request(
        BASE + path, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, payload = response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        status, payload = exc.code, {"detail": exc.read().decode()[:200]}
    except OSError as exc:
        status, payload = 0, {"detail": str(exc)}
    return status, payload, (time.perf_counter() - start) * 1000


def _server(var: str) -> subprocess.Popen:
    env = {**os.environ, "ZHENGXIE_VAR": var, "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    subprocess.run([BIN / "zhengxie", "migrate", "-v0"], env=env, check=True)
    subprocess.run([BIN / "zhengxie", "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [BIN / "zhengxie", "runserver", "--insecure", "--noreload", f"127.0.0.1:{PORT}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if _call("/api/v1/auth/token")[0]:
            return server
        time.sleep(0.2)
    raise RuntimeError("server did not start")


def _tokens() -> list[str]:
    names = ["chair", "member"] + [f"wy{i:03d}" for i in range(1, 276)]

    def login(name):
        status, body, _ = _call(
            "/api/v1/auth/token", {"username": name, "password": "zhengxie-demo"}
        )
        return body.get("token") if status == 200 else None

    with ThreadPoolExecutor(max_workers=4) as pool:
        return [t for t in pool.map(login, names) if t]


def run() -> None:
    var = tempfile.mkdtemp(prefix="zhengxie-checkin-")
    server = _server(var)
    try:
        tokens = _tokens()
        status, body, _ = _call(
            "/api/v1/auth/token", {"username": "staff", "password": "zhengxie-demo"}
        )
        assert status == 200, (status, body, len(tokens))
        staff = body["token"]
        start = (datetime.now().astimezone() + timedelta(minutes=10)).isoformat()
        status, meeting, _ = _call(
            "/api/v1/meetings",
            {
                "kind": "plenary",
                "title": "十届五次会议第二次全体会议",
                "start": start,
                "place": "县会议中心大礼堂",
                "invite": "all",
            },
            staff,
        )
        assert status == 201, meeting
        shots = tokens + tokens[: 300 - len(tokens)]
        path = f"/api/v1/meetings/{meeting['id']}/checkin"
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=100) as pool:
            results = list(pool.map(lambda t: _call(path, token=t), shots))
        wall = time.perf_counter() - began
        latencies = sorted(ms for _, _, ms in results)
        errors = [(s, b) for s, b, _ in results if s != 200]
        final = _call(f"/api/v1/meetings/{meeting['id']}/checkin", token=tokens[0])[1]
        print(
            f"\n{len(shots)} check-ins ({len(tokens)} members, {len(shots) - len(tokens)} "
            f"repeated) fired 100 at a time at runserver on SQLite"
        )
        print(
            f"  wall {wall:.1f} s; p50 {statistics.median(latencies):.0f} ms; "
            f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.0f} ms; "
            f"max {latencies[-1]:.0f} ms; errors {len(errors)}"
        )
        print(f"  attendance after: {final}")
        for status, body in errors[:5]:
            print(f"  error {status}: {body}")
    finally:
        server.terminate()
        server.wait(timeout=10)
