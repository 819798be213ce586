#!/usr/bin/env bash
# session 16 sitting 4, 200k only: the old generator with 20 s against the primed one with 40 s (server A = main), 2 rounds
while ! grep -q done /tmp/s16/sit3/table.txt; do sleep 5; done
export PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers
for r in 1 2; do
  for side in A-old-w20 A-primed-w40; do
    kind=$(echo $side | cut -d- -f2); w=${side##*-w}
    if [ $kind = old ]; then cj=/tmp/s16/C/bench/target/benchmarks.jar; else cj=/tmp/s16/B/bench/target/benchmarks.jar; fi
    CLIENT_JAR=$cj WARMUP=$w SERVERS=tickgate RATES=200000 RESULTS=/tmp/s16/sit4/$side-$r.jsonl OUT=/tmp/s16/sit4 \
      /tmp/s16/A/bench/run-peers.sh 2>/tmp/s16/sit4/$side-$r.err | grep "^| [0-9]" | sed "s/^/$side r$r /" >> /tmp/s16/sit4/table.txt
  done
done
echo done >> /tmp/s16/sit4/table.txt
