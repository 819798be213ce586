#!/usr/bin/env bash
# session 16 sitting 1: main + primed generator, WARMUP=40, tickgate and Bun alternated, 3 rounds
cd /work/main
for r in 1 2 3; do
  for s in tickgate bun; do
    PEERS_WORK=/tmp/peers-work SERVERS=$s RATES="20000 200000 500000" WARMUP=40 \
      RESULTS=/tmp/s16/sit1/peers.jsonl OUT=/tmp/s16/sit1 bench/run-peers.sh 2>/dev/null | grep "^| [0-9]" >> /tmp/s16/sit1/table.txt
  done
done
echo done >> /tmp/s16/sit1/table.txt
