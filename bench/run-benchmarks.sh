#!/usr/bin/env bash
# Reproduces the fan-out runs of docs/benchmarks.md ("Fan-out, connections and memory").
#
#   bench/run-benchmarks.sh            all runs (about 15 minutes on the 2-core machine)
#   QUICK=1 bench/run-benchmarks.sh    a small version of every step (a minute; checks the script)
#
# Writes bench/results/{memory,fanout,limit-*}.jsonl (one `bench --json` report per line), profile summaries
# (bench/results/profile-*.txt) and the plot docs/benchmarks-fanout.png. The gateway (bench-server) and the load
# generator (bench) run as two JVMs on the same machine; both use the shaded bench/target/benchmarks.jar.
# `bin/tickgate-bench bench-server ...` and `bin/tickgate-bench bench ...` run the same tools with the same options.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
out="${OUT:-$root/bench/results}"
port="${PORT:-18080}"
SERVER_OPTS="${SERVER_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC}"
CLIENT_OPTS="${CLIENT_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
SOURCES="${SOURCES:-127.0.0.2-127.0.0.9}"

if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl bench -am package -DskipTests)
fi
mkdir -p "$out"
# Every connection is a file descriptor on each side. Raise the soft limit to the hard limit (as root with
# CAP_SYS_RESOURCE this could be `ulimit -n 1048576`; on the documented machine the hard limit is 20000).
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)" >&2

# FANOUT: connections:events-per-second pairs, run in this order (one server per pair).
if [ "${QUICK:-}" = "1" ]; then
  MEMORY_N="200 500"; FANOUT="200:20 500:20 200:100"; LIMIT_CLIENTS=2; LIMIT_N=300; WARMUP=1; DURATION=2
else
  MEMORY_N="1000 10000 19000"; FANOUT="1000:20 10000:20 19000:20 1000:100 10000:100"
  LIMIT_CLIENTS=3; LIMIT_N=16667; WARMUP=5; DURATION=10
fi
STEPS="${STEPS:-memory fanout limit profile plot}"
step() { [[ " $STEPS " == *" $1 "* ]]; }

server_pid=""
start_server() { # topics rate [extra java options]
  local topics=$1 rate=$2; shift 2
  java $SERVER_OPTS "$@" -cp "$jar" io.tickgate.bench.cli.BenchMain bench-server --port "$port" \
      --topics "$topics" --rate "$rate" > "$out/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "bench-server did not start; see $out/server.log" >&2; exit 1
}
stop_server() { # SIGTERM, then SIGKILL after 20 s (an overloaded server can take long to close everything)
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2> /dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2> /dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  server_pid=""
}
trap stop_server EXIT
bench() { # args for `bench`; report appended to $report
  java $CLIENT_OPTS -cp "$jar" io.tickgate.bench.cli.BenchMain bench --port "$port" \
      --source-addresses "$SOURCES" --json "$@" >> "$report"
  tail -n 1 "$report" | cut -c 1-400 >&2
}

# 1. Memory per idle connection: rate 0 (one seed trade per topic), connect, subscribe, full GC, read heap/RSS.
if step memory; then
  report="$out/memory.jsonl"; : > "$report"
  start_server 2 0
  for n in $MEMORY_N; do
    echo "== memory, $n idle connections" >&2
    bench --connections "$n" --memory --warmup 0 --duration 1
  done
  stop_server
fi

# 2. Fan-out: every connection subscribes to both topics (bench.*.trade), so it receives every event: delivered
#    messages/s offered = connections x rate. A run that overloads the machine ends with handshake timeouts.
if step fanout; then
  report="$out/fanout.jsonl"; : > "$report"
  for pair in $FANOUT; do
    n=${pair%%:*}; rate=${pair##*:}
    start_server 2 "$rate"
    echo "== fan-out, $n connections, $rate events/s" >&2
    bench --connections "$n" --warmup "$WARMUP" --duration "$DURATION" || true
    stop_server
  done
fi

# 3. The connection limit: several load-generator processes (each below its own file limit) against one server.
if step limit; then
start_server 2 0
pids=()
for i in $(seq "$LIMIT_CLIENTS"); do
  report="$out/limit-$i.jsonl"; : > "$report"
  bench --connections "$LIMIT_N" --warmup 0 --duration 2 --setup-timeout 90 --handshake-timeout 20 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
grep -h 'Too many open files\|WARN\|ERROR' "$out/server.log" | sed 's/^[0-9:.]* //' | sort | uniq -c | sort -rn | head -5 \
    > "$out/limit-server-log.txt" || true
stop_server
fi

# 4. Profile (JFR) of the gateway under fan-out load: 1000 connections x 200 events/s.
if step profile; then
start_server 2 200 -XX:StartFlightRecording=filename="$out/server.jfr",settings=profile
report="$out/profile-run.jsonl"; : > "$report"
bench --connections 1000 --warmup "$WARMUP" --duration "$DURATION"
jcmd "$server_pid" JFR.dump name=1 filename="$out/server.jfr" > /dev/null
stop_server
jfr print --events jdk.ExecutionSample "$out/server.jfr" | grep -A1 'stackTrace = \[' \
    | grep -v 'stackTrace\|^--' | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -30 \
    > "$out/profile-top-frames.txt"
fi

# 5. Plot.
step plot && java -cp "$jar" io.tickgate.bench.cli.BenchMain bench-plot --out "${PLOT:-$root/docs/benchmarks-fanout.png}" \
    "$out/fanout.jsonl"
