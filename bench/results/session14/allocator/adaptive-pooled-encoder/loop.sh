#!/usr/bin/env bash
export CLIENT_JAR=/work/wt-a/bench/target/benchmarks.jar PEERS_WORK=/tmp/peers-work OUT=/tmp/ab14e RATES="20000 200000 500000"
G="-Xms2g -Xmx2g -XX:+UseG1GC"
for round in 1 2; do
  for v in A AD H; do
    case $v in
      A) dir=/work/wt-a; opts="$G";;
      H) dir=/work/wt-h; opts="$G";;
      AD) dir=/work/wt-ad; opts="$G";;
    esac
    SERVERS=tickgate SERVER_OPTS="$opts" RESULTS=/tmp/ab14e/$v-$round.jsonl $dir/bench/run-peers.sh > /tmp/ab14e/$v-$round.txt 2>/tmp/ab14e/$v-$round.err
    grep '^| [0-9]' /tmp/ab14e/$v-$round.txt | sed "s/^/$v round $round: /"
  done
done
