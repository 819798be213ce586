#!/usr/bin/env bash
# usage: ab.sh TAG ROUNDS "SIDE:ARGS ..." RATES ; SIDE is a dir under /tmp/s18 holding bench/{run-peers.sh,target/benchmarks.jar}
T=$1; N=$2; SIDES=$3; R=${4:-"20000 200000"}
for r in $(seq $N); do for sa in $SIDES; do
  side=${sa%%:*}; args=${sa#*:}; args=${args//+/ }
  cd /tmp/s18/$side
  PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers SERVERS=tickgate RATES="$R" WARMUP=25 \
    SERVER_ARGS="$args" RESULTS=/tmp/s18/$T-$side.jsonl OUT=/tmp/s18/out-$T bench/run-peers.sh 2>/dev/null | grep '^| [0-9]' | sed "s/^/$side[$args] r$r /"
done; done
