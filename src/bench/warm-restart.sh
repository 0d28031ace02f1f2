#!/bin/bash
# Warm restarts of a Liberty server folder, timed from `server start` to the first 200 of
# /health/ready (polled every 50 ms), with Liberty's own "started in" from messages.log.
# docs/benchmarks.md ("Warm restart") compares configurations this way: lay out a server folder
# (e.g. with the harness: scenario=startup keep=true), copy it per configuration change, then
#   src/bench/warm-restart.sh bench 3
# Usage: warm-restart.sh SERVER [RESTARTS]   (WLP defaults to target/liberty/wlp)
set -u
WLP=${WLP:-target/liberty/wlp}
server=$1
runs=${2:-3}
port=$(sed -n 's/^http.port=//p' "$WLP/usr/servers/$server/bootstrap.properties")
for i in $(seq 1 "$runs"); do
    "$WLP/bin/server" stop "$server" >/dev/null 2>&1
    rm -f "$WLP/usr/servers/$server/logs/messages.log"
    t0=$(date +%s%N)
    "$WLP/bin/server" start "$server" >/dev/null 2>&1
    polls=0
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
        polls=$((polls + 1))
        if [ "$polls" -gt 2400 ]; then
            echo "$server: not ready after 120 s; see $WLP/usr/servers/$server/logs" >&2
            exit 1
        fi
        sleep 0.05
    done
    t1=$(date +%s%N)
    started=$(grep -o 'started in [0-9.]* seconds' "$WLP/usr/servers/$server/logs/messages.log" | tail -1)
    echo "$server restart $i: ready after $(( (t1 - t0) / 1000000 )) ms ($started), load $(cut -d' ' -f1 /proc/loadavg)"
done
"$WLP/bin/server" stop "$server" >/dev/null 2>&1
