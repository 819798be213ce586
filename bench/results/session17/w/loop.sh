#!/usr/bin/env bash
# session 17: write delay 0 / 10 / 25 ms against Bun, alternated, 2 rounds
cd /work/main
export PEERS_WORK=/tmp/peers-work CLIENT_JAR=/tmp/s17/w/bench.jar
T=/tmp/s17/w/table.txt
for r in 1 2; do
  for w in 0 10 25; do
    SERVERS=tickgate RATES="20000 200000" SERVER_ARGS="--write-delay-millis $w" RESULTS=/tmp/s17/w/tg-w$w-$r.jsonl OUT=/tmp/s17/w \
      bench/run-peers.sh 2>/tmp/s17/w/tg-w$w-$r.err | grep "^| [0-9]" | sed "s/^/r$r w$w /" >> $T
  done
  SERVERS=bun RATES="20000 200000" RESULTS=/tmp/s17/w/bun-$r.jsonl OUT=/tmp/s17/w bench/run-peers.sh \
    2>/tmp/s17/w/bun-$r.err | grep "^| [0-9]" | sed "s/^/r$r /" >> $T
done
echo done >> $T
