#!/usr/bin/env bash
S=$1; R=$2
cd /work/main
export PEERS_WORK=/tmp/peers-work SERVERS=$S RATES=$R RESULTS=/tmp/s20/st/ipi.jsonl OUT=/tmp/s20/st WARMUP=20 DURATION=10
bench/run-peers.sh > /tmp/s20/st/ipi-$S-$R.out 2>&1 &
rp=$!
sleep 27
perf stat -a -e ipi:ipi_send_cpu,irq_vectors:reschedule_entry,irq_vectors:call_function_single_entry,syscalls:sys_enter_sendto,context-switches,cpu-migrations -o /tmp/s20/st/ipi-$S-$R.txt -- sleep 5 > /dev/null 2>&1
wait $rp
grep '^|' /tmp/s20/st/ipi-$S-$R.out | tail -1
grep -E "ipi|resched|call_f|sendto|context|migr" /tmp/s20/st/ipi-$S-$R.txt
