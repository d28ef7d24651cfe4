"""gunicorn settings for `zhengxie serve` (what `make run` starts).

Sized for the machine: one process per core, each with a few threads. A request spends much
of its time waiting on the database (SQLite's write lock and fsync, or PostgreSQL's round
trips), which threads overlap; processes give the CPU-bound part (templates, argon2) every
core. WEB_CONCURRENCY and GUNICORN_THREADS override both.
"""

import os

bind = os.environ.get("HOST", "127.0.0.1:8000")
wsgi_app = "zhengxie.wsgi:application"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0))))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A hall of members scanning the check-in code at once queues here rather than being refused.
backlog = 2048
timeout = 60
# SIGTERM lets requests in flight finish; Ctrl-C (SIGINT) stops at once.
graceful_timeout = 20
keepalive = 5
accesslog = None
loglevel = "warning"
proc_name = "zhengxie"
# gunicorn's control socket (for gunicornc) defaults to one path per user, shared by every
# server on the machine (tests, benchmarks, make run); nothing here uses it.
control_socket_disable = True
