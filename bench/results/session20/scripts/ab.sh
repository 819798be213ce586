#!/usr/bin/env bash
# usage: ab.sh TAG ROUNDS RATES SIDE... ; SIDE = dir under /tmp/s20 holding bench/{run-peers.sh,target/benchmarks.jar}[:server args with , for spaces]
T=$1; N=$2; R=$3; shift 3
for r in $(seq $N); do for sa in "$@"; do
  side=${sa%%:*}; args=""; [ "$sa" != "$side" ] && args=${sa#*:}; args=${args//,/ }
  cd /tmp/s20/$side
  PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers SERVERS=tickgate RATES="$R" WARMUP=${WARMUP:-25} \
    SERVER_ARGS="$args" RESULTS=/tmp/s20/$T-$side.jsonl OUT=/tmp/s20/out-$T bench/run-peers.sh 2>/dev/null | grep '^| [0-9]' | sed "s/^/$side[$args] r$r /"
done; done
