#!/usr/bin/env bash
# usage: abopts.sh TAG ROUNDS RATES VARIANT... ; VARIANT = name=JVM options with , for spaces
T=$1; N=$2; R=$3; shift 3
for r in $(seq $N); do for v in "$@"; do
  name=${v%%=*}; opts=${v#*=}; opts=${opts//,/ }
  cd /tmp/s20/snap
  PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers SERVERS=tickgate RATES="$R" WARMUP=${WARMUP:-30} \
    SERVER_OPTS="$opts" RESULTS=/tmp/s20/$T-$name.jsonl OUT=/tmp/s20/out-$T bench/run-peers.sh 2>/dev/null | grep '^| [0-9]' | sed "s/^/$name r$r /"
done; done
