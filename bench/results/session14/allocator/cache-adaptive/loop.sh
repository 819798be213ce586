#!/usr/bin/env bash
export CLIENT_JAR=/work/wt-a/bench/target/benchmarks.jar PEERS_WORK=/tmp/peers-work OUT=/tmp/ab14d RATES="20000 200000 500000"
G="-Xms2g -Xmx2g -XX:+UseG1GC"
for round in 1 2 3; do
  for v in A P AD; do
    case $v in
      A) dir=/work/wt-a; opts="$G";;
      P) dir=/work/wt-a; opts="$G -Dio.netty.allocator.useCacheForAllThreads=true";;
      AD) dir=/work/wt-ad; opts="$G";;
    esac
    SERVERS=tickgate SERVER_OPTS="$opts" RESULTS=/tmp/ab14d/$v-$round.jsonl $dir/bench/run-peers.sh > /tmp/ab14d/$v-$round.txt 2>/tmp/ab14d/$v-$round.err
    grep '^| [0-9]' /tmp/ab14d/$v-$round.txt | sed "s/^/$v round $round: /"
  done
done
