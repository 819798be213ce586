#!/usr/bin/env bash
cd /work/main
for side in epoll io_uring; do
  OUT=/tmp/s15/strace/out SERVER_ARGS="--transport $side" SERVERS=tickgate RATES=20000 WARMUP=30 DURATION=10 \
    RESULTS=/tmp/s15/strace/$side.jsonl bench/run-peers.sh > /tmp/s15/strace/$side.txt 2>&1 &
  runner=$!
  for i in $(seq 1 60); do pid=$(pgrep -f "bench-server --port" | head -1); [ -n "$pid" ] && break; sleep 1; done
  sleep 25
  timeout -s INT 5 strace -c -f -p "$pid" -o /tmp/s15/strace/strace-$side.txt
  wait $runner
done
