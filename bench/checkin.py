"""2,000 check-ins arriving within 60 s at the server `make run` starts (gunicorn, SQLite).

Starts `zhengxie serve` on its own database under a temporary folder with the demo committee,
logs every demo member in through the API, creates a plenary meeting for all of them, then
shows the hall screen (its rotating check-in code, fetched again each time it turns) and
fires the check-ins open-loop: arrival times are drawn at random over the minute (a Poisson
process of 2,000 arrivals) and each is sent on its own connection at its time, whether or not
the earlier ones have been answered, with the code on the screen at that moment, as a phone
scanning the QR sends it. Every member checks in once and the rest are repeats (a phone
scanning again), mixed in random order. Afterwards the database is compared with the
answers: a check-in answered 200 whose row is missing is lost.

`python -m bench checkin` (with `PYTHONPATH=.`); CHECKINS and SECONDS override the load.
"""

import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

CHECKINS = int(os.environ.get("CHECKINS", 2000))
SECONDS = float(os.environ.get("SECONDS", 60))
PASSWORD = "zhengxie-demo"


@dataclass
class Shot:
    at: float  # seconds after the start at which the phone sends it
    member: int  # index into the members' tokens
    status: int = 0
    ms: float = 0.0
    late_ms: float = 0.0  # how far behind its arrival time the sender was
    detail: str = ""


class Server:
    def __init__(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.var = Path(tempfile.mkdtemp(prefix="zhengxie-checkin-"))
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
        self.env = env | {
            "ZHENGXIE_VAR": str(self.var),
            "HOST": f"127.0.0.1:{port}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }

    def manage(self, *args: str, **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
        command = [sys.executable, "-m", "zhengxie.manage", *args]
        if kwargs.pop("background", False):
            return subprocess.Popen(command, env=self.env, **kwargs)
        return subprocess.run(command, env=self.env, check=True, **kwargs)

    def __enter__(self):
        self.manage("migrate", "-v0")
        self.manage("demo", stdout=subprocess.DEVNULL)
        self.process = self.manage("serve", background=True, stdout=subprocess.DEVNULL)
        for _ in range(300):
            if call(self.base + "/api/v1/auth/token", {})[0]:
                return self
            time.sleep(0.1)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def checkins(self, meeting_id: int) -> int:
        with sqlite3.connect(self.var / "zhengxie.sqlite3") as db:
            query = "SELECT count(*) FROM meetings_checkin WHERE meeting_id = ?"
            return db.execute(query, [meeting_id]).fetchone()[0]


def call(url: str, data: dict | None, token: str = "") -> tuple[int, dict, float]:
    """One request on its own connection, as a phone sends it."""
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method="POST" if body else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, payload = response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        status, payload = exc.code, {"detail": exc.read().decode()[:200]}
    except OSError as exc:
        status, payload = 0, {"detail": str(exc)}
    return status, payload, (time.perf_counter() - start) * 1000


def login(base: str, username: str) -> str | None:
    url = base + "/api/v1/auth/token"
    status, body, _ = call(url, {"username": username, "password": PASSWORD})
    return body["token"] if status == 200 else None


def member_tokens(base: str) -> list[str]:
    """The demo's member logins (wy001 … wy275, some of them taken by the named personas)."""
    names = ["chair", "member"] + [f"wy{i:03d}" for i in range(1, 276)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        tokens = [token for token in pool.map(lambda name: login(base, name), names) if token]
    assert len(tokens) > 250, len(tokens)
    return tokens


def create_meeting(base: str, staff: str) -> int:
    start = (datetime.now().astimezone() + timedelta(minutes=10)).isoformat()
    meeting = {
        "kind": "plenary",
        "title": "十届五次会议第二次全体会议",
        "start": start,
        "place": "县会议中心大礼堂",
        "invite": "all",
    }
    status, body, _ = call(base + "/api/v1/meetings", meeting, staff)
    assert status == 201, body
    return body["id"]


class HallScreen(threading.Thread):
    """The hall screen: shows the current check-in code and fetches the next when it turns."""

    def __init__(self, url: str, staff: str):
        super().__init__(daemon=True)
        self.url, self.staff, self.stopped = url, staff, threading.Event()
        self.refresh()

    def refresh(self) -> int:
        status, body, _ = call(self.url, None, self.staff)
        assert status == 200, body
        self.code = body["code"]
        return body["turns_in"]

    def run(self) -> None:
        turns_in = self.refresh()
        while not self.stopped.wait(turns_in + 0.1):
            turns_in = self.refresh()


def schedule(members: int) -> list[Shot]:
    """Every member once, the rest repeats, at random times over the window."""
    rng = random.Random(9)
    who = list(range(members)) + [rng.randrange(members) for _ in range(CHECKINS - members)]
    rng.shuffle(who)
    times = sorted(rng.uniform(0, SECONDS) for _ in who)
    return [Shot(at, member) for at, member in zip(times, who, strict=True)]


def fire(url: str, tokens: list[str], shots: list[Shot], screen: HallScreen) -> float:
    """Send each shot at its time from a pool large enough that none waits for a thread."""

    def send(shot: Shot, began: float) -> None:
        shot.late_ms = (time.perf_counter() - began - shot.at) * 1000
        shot.status, body, shot.ms = call(url, {"code": screen.code}, tokens[shot.member])
        if shot.status != 200:
            shot.detail = str(body)[:200]

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=200) as pool:
        for shot in shots:
            delay = began + shot.at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, shot, began)
    return time.perf_counter() - began


def percentile(sorted_ms: list[float], share: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * share))]


def report(shots: list[Shot], wall: float, stored: int, members: int) -> None:
    ok = [s for s in shots if s.status == 200]
    checked_in = {s.member for s in ok}
    ms = sorted(s.ms for s in shots)
    print(
        f"\n{len(shots)} check-ins ({members} members, {len(shots) - members} repeats) "
        f"arriving over {SECONDS:.0f} s, open-loop, at gunicorn on SQLite"
    )
    print(
        f"  sent {len(shots)}; ok {len(ok)}; errors {len(shots) - len(ok)}; "
        f"lost {len(checked_in) - stored} (rows {stored} for {len(checked_in)} members answered)"
    )
    print(
        f"  latency p50 {statistics.median(ms):.0f} ms; p95 {percentile(ms, 0.95):.0f} ms; "
        f"p99 {percentile(ms, 0.99):.0f} ms; max {ms[-1]:.0f} ms; "
        f"sender at most {max(s.late_ms for s in shots):.0f} ms late; wall {wall:.1f} s"
    )
    for shot in [s for s in shots if s.status != 200][:5]:
        print(f"  error {shot.status}: {shot.detail}")


def run() -> None:
    with Server() as server:
        tokens = member_tokens(server.base)
        staff = login(server.base, "staff")
        meeting_id = create_meeting(server.base, staff)
        meeting = f"{server.base}/api/v1/meetings/{meeting_id}"
        screen = HallScreen(meeting + "/hall-code", staff)
        screen.start()
        shots = schedule(len(tokens))
        wall = fire(meeting + "/checkin", tokens, shots, screen)
        screen.stopped.set()
        report(shots, wall, server.checkins(meeting_id), len(tokens))


if __name__ == "__main__":
    run()
