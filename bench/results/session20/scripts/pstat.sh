#!/usr/bin/env bash
S=$1; R=$2
cd /work/main
export PEERS_WORK=/tmp/peers-work SERVERS=$S RATES=$R RESULTS=/tmp/s20/st/pstat.jsonl OUT=/tmp/s20/st WARMUP=20 DURATION=10
bench/run-peers.sh > /tmp/s20/st/pstat-$S-$R.out 2>&1 &
rp=$!
sleep 27
if [ $S = tickgate ]; then pid=$(pgrep -f 'BenchMain bench-server' | head -1); else pid=$(pgrep -f 'bun-peer.js' | head -1); fi
perf stat --per-thread -e task-clock,context-switches,syscalls:sys_enter_sendto,syscalls:sys_enter_futex,syscalls:sys_enter_write,syscalls:sys_enter_epoll_pwait2 -p $pid -o /tmp/s20/st/stat-$S-$R.txt -- sleep 5 > /dev/null 2>&1
wait $rp
grep '^|' /tmp/s20/st/pstat-$S-$R.out | tail -1
grep -v 'not counted' /tmp/s20/st/stat-$S-$R.txt | awk '$2+0>50'
