#!/usr/bin/env bash
# `make run`: migrate, load the demo, then serve with gunicorn (`zhengxie serve`), the
# background-task worker and an hourly tick beside it; Ctrl-C stops all three.
set -euo pipefail
bin=.venv/bin
export HOST="${HOST:-127.0.0.1:8000}"
mkdir -p var
"$bin/zhengxie" migrate --noinput -v0
"$bin/zhengxie" demo
"$bin/zhengxie" db_worker >var/worker.log 2>&1 &
worker=$!
# Hourly: deadline reminders, 回头看 (production runs `zhengxie tick` from cron instead).
# The sleep runs in the background so that the TERM from the trap below ends the loop at once.
(
  trap 'kill $! 2>/dev/null; exit 0' TERM
  while true; do
    "$bin/zhengxie" tick >>var/tick.log 2>&1
    sleep 3600 &
    wait $!
  done
) &
ticker=$!
# gunicorn runs in its own session, out of reach of the terminal's Ctrl-C: its workers would
# get that SIGINT at the same moment as the master's stop signal, a race that can leave one
# hanging until it is killed. The trap sends the master TERM instead, which lets requests in
# flight finish, and waits for it so that the port is free when `make run` returns.
setsid "$bin/zhengxie" serve &
server=$!
trap 'kill $worker $ticker $server 2>/dev/null || true; wait $server || true; echo "已停止。"' EXIT
trap 'exit 130' INT TERM
wait $server
