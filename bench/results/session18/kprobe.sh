#!/usr/bin/env bash
# usage: kprobe.sh SERVER RATE [TAG] -> perf record (cpu-clock, call graphs) of the server for 5 s, 26 s into a run
S=$1; R=$2; T=${3:-x}; shift 3 || true
cd /work/main
export PEERS_WORK=/tmp/peers-work SERVERS=$S RATES=$R RESULTS=/tmp/s18/kprobe.jsonl OUT=/tmp/s18 WARMUP=20 DURATION=10
bench/run-peers.sh > /tmp/s18/kprobe-$S-$R-$T.out 2>&1 &
rp=$!
sleep 26
if [ $S = tickgate ]; then pid=$(pgrep -f 'BenchMain bench-server' | head -1); else pid=$(pgrep -f 'bun-peer.js' | head -1); fi
perf record -F 999 -e cpu-clock -g -p $pid -o /tmp/s18/perf-$S-$R-$T.data -- sleep 5 > /dev/null 2>&1
wait $rp
grep '^|' /tmp/s18/kprobe-$S-$R-$T.out
