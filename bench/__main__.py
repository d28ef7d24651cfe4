"""Benchmarks: figures for the foundation on the demo committee (SQLite unless DATABASE_URL).

Run with `make bench`. Uses its own throwaway database under a temporary ZHENGXIE_VAR.
"""

import os
import statistics
import sys
import tempfile
import time
from io import StringIO

os.environ.setdefault("ZHENGXIE_VAR", tempfile.mkdtemp(prefix="zhengxie-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengxie.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from zhengxie.core.audit import audit_verify  # noqa: E402
from zhengxie.core.models import AuditEvent, User  # noqa: E402


def timed(label: str, fn, repeat: int = 1) -> None:
    """Wall time, and the process's CPU time beside it: on a machine shared with other work
    the wall time is mostly waiting for a core (SQLite runs in the process, so the CPU time
    is the page's own cost)."""
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if repeat == 1:
        print(f"{label:<44} {samples[0]:9.1f} ms   (cpu {cpu[0]:.1f} ms)")
    else:
        samples.sort()
        p95 = samples[int(len(samples) * 0.95) - 1]
        print(
            f"{label:<44} p50 {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms"
            f"   cpu p50 {statistics.median(cpu):7.1f} ms   (n={repeat})"
        )


def foundation() -> None:
    timed(
        "demo load (members, proposals, meetings)",
        lambda: call_command("demo", stdout=StringIO()),
    )
    client = Client()
    client.force_login(User.objects.get(username="staff"))
    timed("GET /members/ (275 rows)", lambda: client.get("/members/"), repeat=30)
    timed(
        "GET /members/?q=王 (htmx rows)",
        lambda: client.get("/members/", {"q": "王"}, headers={"HX-Request": "true"}),
        repeat=30,
    )
    timed(
        "GET /members/?format=xlsx", lambda: client.get("/members/", {"format": "xlsx"}), repeat=10
    )
    token = client.post(
        "/api/v1/auth/token",
        {"username": "staff", "password": "zhengxie-demo"},
        content_type="application/json",
    ).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    timed(
        "GET /api/v1/members?limit=100",
        lambda: client.get("/api/v1/members", {"limit": 100}, headers=auth),
        repeat=30,
    )
    timed(f"audit verify ({AuditEvent.objects.count()} events)", audit_verify, repeat=3)
    timed(
        "login (argon2 check)",
        lambda: Client().post("/login/", {"username": "staff", "password": "zhengxie-demo"}),
        repeat=10,
    )


def main() -> None:
    from bench import (
        cards,
        checkin,
        consultation,
        consultation_stats,
        dashboard,
        opinions,
        outcomes,
        proposals,
        scoring,
        topics,
        work_report,
    )

    which = sys.argv[1:] or [
        "foundation",
        "proposals",
        "opinions",
        "checkin",
        "consultation",
        "outcomes",
    ]
    print(f"database: {django.db.connection.vendor}")
    timed("migrate", lambda: call_command("migrate", verbosity=0))
    # The pages link hashed static names: the throwaway var dir needs its manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    if "foundation" in which:
        foundation()
    if "proposals" in which:
        proposals.run(timed)
    if "opinions" in which:
        opinions.run(timed)
    if "consultation_stats" in which:
        consultation_stats.run(timed)
    if "topics" in which:
        topics.run(timed)
    if "consultation" in which:
        consultation.run(timed)
    if "outcomes" in which:
        outcomes.run(timed)
    if "dashboard" in which:
        dashboard.run(timed)
    if "scoring" in which:
        scoring.run(timed)
    if "cards" in which:
        cards.run(timed)
    if "work_report" in which:
        work_report.run(timed)
    if "checkin" in which:
        checkin.run()


if __name__ == "__main__":
    sys.exit(main())
