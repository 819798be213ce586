#!/usr/bin/env bash
# variants: A baseline (wt-a), B loops 1+1, C loops io2 hub2, D loops io2 hub1
export CLIENT_JAR=/work/wt-a/bench/target/benchmarks.jar PEERS_WORK=/tmp/peers-work OUT=/tmp/ab14b RATES="200000 500000" SERVERS=tickgate
G="-Xms2g -Xmx2g -XX:+UseG1GC"
for round in 1 2; do
  for v in A B C D; do
    case $v in
      A) dir=/work/wt-a; opts="$G"; args="";;
      B) dir=/work/main; opts="$G -Dtickgate.hub.onLoops=true"; args="";;
      C) dir=/work/main; opts="$G -Dtickgate.hub.onLoops=true"; args="--io-threads 2 --hub-shards 2";;
      D) dir=/work/main; opts="$G -Dtickgate.hub.onLoops=true"; args="--io-threads 2 --hub-shards 1";;
    esac
    SERVER_OPTS="$opts" SERVER_ARGS="$args" RESULTS=/tmp/ab14b/$v-$round.jsonl $dir/bench/run-peers.sh > /tmp/ab14b/$v-$round.txt 2>/tmp/ab14b/$v-$round.err
    grep '^| [0-9]' /tmp/ab14b/$v-$round.txt | sed "s/^/$v round $round: /"
  done
done
