#!/usr/bin/env bash
# session 17: write delay 0 / 2 / 5 ms at 20,000, 200,000 and 500,000 asked, Bun at 500,000, 2 rounds alternated
# (main at 4bbbb03, its bench jar copied to /tmp/s17/C)
export PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers
T=/tmp/s17/w2/table.txt
for r in 1 2; do
  for w in 0 2 5; do
    SERVERS=tickgate RATES="20000 200000 500000" SERVER_ARGS="--write-delay-millis $w" RESULTS=/tmp/s17/w2/tg-w$w-$r.jsonl \
      OUT=/tmp/s17/w2 /tmp/s17/C/bench/run-peers.sh 2>/tmp/s17/w2/tg-w$w-$r.err | grep "^| [0-9]" | sed "s/^/r$r w$w /" >> $T
  done
  SERVERS=bun RATES="500000" RESULTS=/tmp/s17/w2/bun-$r.jsonl OUT=/tmp/s17/w2 /tmp/s17/C/bench/run-peers.sh \
    2>/tmp/s17/w2/bun-$r.err | grep "^| [0-9]" | sed "s/^/r$r /" >> $T
done
echo done >> $T
