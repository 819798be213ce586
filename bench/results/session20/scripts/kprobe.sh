#!/usr/bin/env bash
S=$1; R=$2
cd /work/main
export PEERS_WORK=/tmp/peers-work SERVERS=$S RATES=$R RESULTS=/tmp/s20/st/kprobe.jsonl OUT=/tmp/s20/st WARMUP=20 DURATION=10
bench/run-peers.sh > /tmp/s20/st/kprobe-$S-$R${TAG:-}.out 2>&1 &
rp=$!
sleep 27
if [ $S = tickgate ]; then pid=$(pgrep -f 'BenchMain bench-server' | head -1); else pid=$(pgrep -f 'bun-peer.js' | head -1); fi
perf record -F 1999 -e cpu-clock -g -p $pid -o /tmp/s20/st/perf-$S-$R${TAG:-}.data -- sleep 5 > /dev/null 2>&1
wait $rp
grep '^|' /tmp/s20/st/kprobe-$S-$R${TAG:-}.out | tail -1
