#!/usr/bin/env bash
# session 16 sitting 2: main (A, /tmp/s16/A) against DirectSend (B, /tmp/s16/B) and Bun, alternated, 3 rounds;
# one load generator (B's jar) for every side; WARMUP=40 with the primed generator
export PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers CLIENT_JAR=/tmp/s16/B/bench/target/benchmarks.jar WARMUP=40
RATES="20000 200000 500000"
for r in 1 2 3; do
  for side in A B bun; do
    if [ $side = bun ]; then dir=/tmp/s16/B; s=bun; else dir=/tmp/s16/$side; s=tickgate; fi
    SERVERS=$s RATES="$RATES" RESULTS=/tmp/s16/sit2/$side-$r.jsonl OUT=/tmp/s16/sit2 $dir/bench/run-peers.sh 2>/tmp/s16/sit2/$side-$r.err \
      | grep "^| [0-9]" | sed "s/^/$side r$r /" >> /tmp/s16/sit2/table.txt
  done
done
echo done >> /tmp/s16/sit2/table.txt
