#!/usr/bin/env bash
# (stopped by hand during round 3 once rounds 1 and 2 agreed; A-3.jsonl holds round 3's one finished run)
# session 17: A = main before the write delay (bench jar of 908329f + nothing), B = hub spins 20 us before sleeping; 2 rounds alternated
export PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers
T=/tmp/s17/ab1/table.txt
for r in 1 2 3; do
  for side in A B; do
    SERVERS=tickgate RATES="20000 200000" RESULTS=/tmp/s17/ab1/$side-$r.jsonl OUT=/tmp/s17/ab1 \
      /tmp/s17/$side/bench/run-peers.sh 2>/tmp/s17/ab1/$side-$r.err | grep "^| [0-9]" | sed "s/^/r$r $side /" >> $T
  done
done
echo done >> $T
