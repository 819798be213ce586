#!/usr/bin/env bash
export CLIENT_JAR=/work/wt-a/bench/target/benchmarks.jar PEERS_WORK=/tmp/peers-work OUT=/tmp/ab14c RATES="20000 200000 500000"
G="-Xms2g -Xmx2g -XX:+UseG1GC"
for round in 1 2; do
  for v in A C bun; do
    case $v in
      A) dir=/work/wt-a; opts="$G"; args=""; s=tickgate;;
      C) dir=/work/main; opts="$G -Dtickgate.hub.onLoops=true"; args="--io-threads 2 --hub-shards 2"; s=tickgate;;
      bun) dir=/work/main; opts="$G"; args=""; s=bun;;
    esac
    SERVERS=$s SERVER_OPTS="$opts" SERVER_ARGS="$args" RESULTS=/tmp/ab14c/$v-$round.jsonl $dir/bench/run-peers.sh > /tmp/ab14c/$v-$round.txt 2>/tmp/ab14c/$v-$round.err
    grep '^| [0-9]' /tmp/ab14c/$v-$round.txt | sed "s/^/$v round $round: /"
  done
done
