#!/usr/bin/env bash
# session 17: C = main (bench jar of 4bbbb03), D = publish bursts (the source's tick and a venue processor's queue
# published as one PublishBurst: a sleeping hub shard woken once per burst); 3 rounds alternated, Bun in round 1
export PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers
T=/tmp/s17/ab2/table.txt
for r in 1 2 3; do
  for side in C D; do
    SERVERS=tickgate RATES="20000 200000" RESULTS=/tmp/s17/ab2/$side-$r.jsonl OUT=/tmp/s17/ab2 \
      /tmp/s17/$side/bench/run-peers.sh 2>/tmp/s17/ab2/$side-$r.err | grep "^| [0-9]" | sed "s/^/r$r $side /" >> $T
  done
done
echo done >> $T
