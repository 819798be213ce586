#!/usr/bin/env bash
# usage: pf.sh TAG RATE "SERVER_OPTS" -> page faults per thread of the tickgate bench-server for 5 s, 27 s into a run
T=$1; R=$2; O=$3
cd /work/main
export PEERS_WORK=/tmp/peers-work SERVERS=tickgate RATES=$R RESULTS=/tmp/s20/st/pf.jsonl OUT=/tmp/s20/st WARMUP=20 DURATION=10 SERVER_OPTS="$O"
bench/run-peers.sh > /tmp/s20/st/pf-$T-$R.out 2>&1 &
rp=$!
sleep 30
pid=$(pgrep -f 'BenchMain bench-server' | head -1)
perf stat --per-thread -e page-faults -p $pid -o /tmp/s20/st/pf-$T-$R.txt -- sleep 5 > /dev/null 2>&1
perf record -e page-faults -g -p $pid -o /tmp/s20/st/pf-$T-$R.data -- sleep 5 > /dev/null 2>&1
wait $rp
grep '^|' /tmp/s20/st/pf-$T-$R.out | tail -1
grep -v 'not counted' /tmp/s20/st/pf-$T-$R.txt | awk '$2+0>0'
