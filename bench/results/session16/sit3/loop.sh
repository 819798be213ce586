#!/usr/bin/env bash
# session 16 sitting 3, 20k only: what the warm-up and the primed window query change (server A = main), and
# DirectSend (server B) against A with the primed generator and 40 s; 3 rounds alternated
export PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers
for r in 1 2 3; do
  for side in A-old-w20 A-primed-w20 A-primed-w40 B-primed-w40; do
    srv=${side%%-*}; kind=$(echo $side | cut -d- -f2); w=${side##*-w}
    if [ $kind = old ]; then cj=/tmp/s16/C/bench/target/benchmarks.jar; else cj=/tmp/s16/B/bench/target/benchmarks.jar; fi
    CLIENT_JAR=$cj WARMUP=$w SERVERS=tickgate RATES=20000 RESULTS=/tmp/s16/sit3/$side-$r.jsonl OUT=/tmp/s16/sit3 \
      /tmp/s16/$srv/bench/run-peers.sh 2>/tmp/s16/sit3/$side-$r.err | grep "^| [0-9]" | sed "s/^/$side r$r /" >> /tmp/s16/sit3/table.txt
  done
done
echo done >> /tmp/s16/sit3/table.txt
