#!/usr/bin/env bash
# session 16 sitting 5: tickgate asked what Bun delivers (120k, 300k) against Bun asked 200k and 500k; main at a5affe9
# (bench jar of /work/main), 3 rounds alternated, 40 s warm-up
cd /work/main
export PEERS_WORK=/tmp/peers-work
for r in 1 2 3; do
  SERVERS=tickgate RATES="120000 300000" RESULTS=/tmp/s16/sit5/tickgate-$r.jsonl OUT=/tmp/s16/sit5 bench/run-peers.sh \
    2>/tmp/s16/sit5/tickgate-$r.err | grep "^| [0-9]" | sed "s/^/r$r /" >> /tmp/s16/sit5/table.txt
  SERVERS=bun RATES="200000 500000" RESULTS=/tmp/s16/sit5/bun-$r.jsonl OUT=/tmp/s16/sit5 bench/run-peers.sh \
    2>/tmp/s16/sit5/bun-$r.err | grep "^| [0-9]" | sed "s/^/r$r /" >> /tmp/s16/sit5/table.txt
done
echo done >> /tmp/s16/sit5/table.txt
