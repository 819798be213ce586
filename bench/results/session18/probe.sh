#!/usr/bin/env bash
# usage: probe.sh SERVER RATE  -> syscall summary of the server for 3 s, 24 s into a run
S=$1; R=$2; shift 2
cd /work/main
export PEERS_WORK=/tmp/peers-work SERVERS=$S RATES=$R RESULTS=/tmp/s18/probe.jsonl OUT=/tmp/s18 WARMUP=20 DURATION=10
bench/run-peers.sh > /tmp/s18/probe-$S-$R.out 2>&1 &
rp=$!
sleep 26
if [ $S = tickgate ]; then pid=$(pgrep -f 'BenchMain bench-server' | head -1); else pid=$(pgrep -f 'bun-peer.js' | head -1); fi
perf stat --per-thread -e context-switches,syscalls:sys_enter_sendto,syscalls:sys_enter_futex,syscalls:sys_enter_write,syscalls:sys_enter_epoll_pwait2 -p $pid -o /tmp/s18/stat-$S-$R.txt -- sleep 5 2>&1 | tail -1
wait $rp
grep '^|' /tmp/s18/probe-$S-$R.out
