#!/usr/bin/env bash
# Reproduces docs/benchmarks.md "Fan-out after the outbound rework": one bench-server + one bench per pair, 2 topics,
# every connection subscribed to bench.*.trade. Reports go to /tmp/fanout/LABEL/fanout.jsonl, load averages and the
# server's outbound metrics after each run to /tmp/fanout/LABEL/log.txt. JAR = bench/target/benchmarks.jar.
# usage: run.sh JAR LABEL "n:rate n:rate ..." [server extra opts]
set -uo pipefail
jar=$1; label=$2; plan=$3; shift 3
out=/tmp/fanout/$label; mkdir -p $out
port=18180
ulimit -n "$(ulimit -Hn)"
for pair in $plan; do
  n=${pair%%:*}; rate=${pair##*:}
  java -Xms2g -Xmx2g -XX:+UseG1GC "$@" -cp "$jar" io.tickgate.bench.cli.BenchMain bench-server --port $port --topics 2 --rate $rate > $out/server-$n-$rate.log 2>&1 &
  sp=$!
  for _ in $(seq 100); do curl -sf http://127.0.0.1:$port/health >/dev/null 2>&1 && break; sleep 0.2; done
  echo "== $label $n x $rate load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/log.txt
  java -Xms1g -Xmx1g -XX:+UseG1GC -cp "$jar" io.tickgate.bench.cli.BenchMain bench --port $port --connections $n \
     --source-addresses 127.0.0.2-127.0.0.9 --warmup 5 --duration 10 --json >> $out/fanout.jsonl 2>>$out/bench-stderr.log
  echo "   after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/log.txt
  curl -s http://127.0.0.1:$port/metrics | grep -E '^tickgate_gateway_(outbound_queued_bytes|slow_consumer|closes)' >> $out/log.txt
  kill $sp; for _ in $(seq 100); do kill -0 $sp 2>/dev/null || break; sleep 0.2; done; kill -9 $sp 2>/dev/null; wait $sp 2>/dev/null
done
