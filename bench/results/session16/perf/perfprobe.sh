#!/usr/bin/env bash
# usage: perfprobe.sh SERVER RATE [SERVER_ARGS]
S=$1; R=$2; shift 2
cd /work/main
export PEERS_WORK=/tmp/peers-work SERVERS=$S RATES=$R RESULTS=/tmp/s16/probe.jsonl OUT=/tmp/s16 WARMUP=20 DURATION=10
bench/run-peers.sh > /tmp/s16/probe-$S-$R.out 2>&1 &
rp=$!
sleep 24
if [ $S = tickgate ]; then pid=$(pgrep -f 'BenchMain bench-server' | head -1); else pid=$(pgrep -f 'bun-peer.js' | head -1); fi
echo "pid=$pid"
perf record -F 999 -g -p $pid -o /tmp/s16/perf-$S-$R.data -- sleep 6 2>&1 | tail -1
perf trace -s -p $pid -o /tmp/s16/trace-$S-$R.txt -- sleep 3 2>&1 | tail -1
wait $rp
tail -5 /tmp/s16/probe-$S-$R.out
