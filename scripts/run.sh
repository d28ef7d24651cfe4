#!/usr/bin/env bash
# `make run`: migrate, load the demo, then serve with the background-task worker beside it.
set -euo pipefail
bin=.venv/bin
"$bin/zhengxie" migrate --noinput
"$bin/zhengxie" demo
"$bin/zhengxie" db_worker >var/worker.log 2>&1 &
worker=$!
# Hourly: deadline reminders, 回头看 (production runs `zhengxie tick` from cron instead).
(while true; do "$bin/zhengxie" tick >>var/tick.log 2>&1; sleep 3600; done) &
ticker=$!
trap 'kill $worker $ticker 2>/dev/null || true' EXIT
"$bin/zhengxie" runserver --insecure "${HOST:-127.0.0.1:8000}"
