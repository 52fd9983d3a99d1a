#!/bin/sh
# Runs mtail on nginx's metrics log and keeps that file small: nginx appends (O_APPEND), so
# truncating it in place is safe for nginx, and mtail notices the truncation and reads on from
# the start. Lines written between mtail's last read and a truncation are lost: at most one
# second of requests per 10 MiB (about 300,000 requests), which an alert on rates never notices.
set -eu
LOG=${EDGE_METRICS_LOG:-/var/log/nginx/edge-metrics/access.log}
MAX_BYTES=${EDGE_METRICS_LOG_MAX_BYTES:-10485760}

touch "$LOG"
(
  while sleep 60; do
    if [ "$(stat -c %s "$LOG")" -gt "$MAX_BYTES" ]; then truncate -s 0 "$LOG"; fi
  done
) &
exec mtail --progs /etc/mtail --logs "$LOG" --port 3903 --logtostderr
