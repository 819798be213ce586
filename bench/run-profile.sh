#!/usr/bin/env bash
# Profile of tickgate's bench-server on the side-by-side workload (docs/benchmarks.md, "Issue 11: profile").
#
#   bench/run-profile.sh [ASKED]      ASKED deliveries/s (default 200000): 1,000 connections, 100 topics, 10 subscribers
#                                     per topic, the load generator of bench/run-peers.sh
#
# The server runs with JFR off until the generator has its connections, then, after WARMUP seconds (default 25: the
# JIT must be done, or the profile shows the compiler's work), a JFR recording (settings=profile) and two snapshots
# of /proc/<pid>/task/*/stat cover the same WINDOW seconds (default 10). Printed: CPU per thread group (user and
# system seconds: what the kernel's socket path costs shows as system time), the generator's delivered/s, latency and
# CPU per million deliveries, then the most sampled frames (self: where the CPU is; inclusive: who calls it), as
# shares of the Java samples. Files: $OUT/profile-<ASKED>.{jfr,report.json,server.log,threads.txt,frames.txt} (OUT
# defaults to bench/target/profile). SERVER_OPTS, SERVER_ARGS, TICK_MILLIS as for run-peers.sh. Every process started here is
# stopped at exit.
#   bench/run-profile.sh --help     this text
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "run-profile: no $jar (mvn -B -o -pl bench -am package -DskipTests)" >&2; exit 1; }
asked="${1:-200000}"; warmup="${WARMUP:-25}"; window="${WINDOW:-10}"
out="${OUT:-$root/bench/target/profile}"; mkdir -p "$out"; base="$out/profile-$asked"
rm -f "$base".*
port="${PORT:-18390}"
topics=(); for i in $(seq 0 99); do topics+=(--topic "bench.SYM$i.trade"); done
server_pid=""; snapper=""
cleanup() {
  [ -z "$snapper" ] || kill "$snapper" 2> /dev/null || true
  if [ -n "$server_pid" ]; then
    kill -TERM -- "-$server_pid" 2> /dev/null || true; sleep 2; kill -KILL -- "-$server_pid" 2> /dev/null || true
  fi
}
trap cleanup EXIT
ulimit -n 1048576 2> /dev/null || ulimit -n "$(ulimit -Hn)"
setsid java ${SERVER_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC} -cp "$jar" io.tickgate.bench.cli.BenchMain bench-server --port "$port" \
    --topics 100 --rate $((asked / 10)) --symbol-format 'SYM%d' --tick-millis "${TICK_MILLIS:-10}" ${SERVER_ARGS:-} > "$base.server.log" 2>&1 < /dev/null &
server_pid=$!
for _ in $(seq 150); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/health" && break; sleep 0.2; done
threads() { # thread group (digits dropped) -> user and system clock ticks
  for t in /proc/"$server_pid"/task/*; do
    echo "$(tr -d '0-9' < "$t/comm" | tr ' ' '_') $(sed 's/^.*) //' "$t/stat" | cut -d' ' -f12,13)"
  done 2> /dev/null | awk '{u[$1] += $2; s[$1] += $3} END {for (k in u) print k, u[k], s[k]}' | sort
}
(
  for _ in $(seq 600); do grep -q "established in" "$base.loader.err" 2> /dev/null && break; sleep 0.2; done
  sleep "$warmup"; threads > "$base.cpu0"
  jcmd "$server_pid" JFR.start name=profile settings=profile duration="${window}s" filename="$base.jfr" > /dev/null
  sleep "$window"; threads > "$base.cpu1"
) &
snapper=$!
timeout -k 10 $((120 + warmup + window)) java ${CLIENT_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC} -cp "$jar" \
    io.tickgate.bench.cli.BenchMain bench --port "$port" --connections 1000 --spread-topics --subscribe-on-open \
    --latency-from ts --server-pid "$server_pid" --warmup "$warmup" --duration $((window + 4)) --setup-timeout 60 --json \
    "${topics[@]}" > "$base.report.json" 2> "$base.loader.err" || echo "run-profile: the load generator failed" >&2
wait "$snapper" || true; snapper=""
sleep 2 # the recording ends and is written
echo "== $(date -u +%FT%TZ) $asked asked deliveries/s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
join "$base.cpu0" "$base.cpu1" | awk -v w="$window" '{u = ($4 - $2) / 100; s = ($5 - $3) / 100; U += u; S += s;
    if (u + s > 0.01) printf "%-24s user %6.2f s  system %6.2f s\n", $1, u, s}
    END {printf "%-24s user %6.2f s  system %6.2f s  (%s s window)\n", "all threads", U, S, w}' | sort -k3 -nr | tee "$base.threads.txt"
jq -r '"generator: \(.delivery.messagesPerSecond | round) delivered/s, p50/p99/max \(.latency.p50 / 1000)/\(.latency.p99 / 1000)/\(.latency.max / 1000) ms, \(.serverCpu.cpuSecondsPerMillionMessages) CPU-s per million (whole measurement)"' "$base.report.json"
[ -f "$base.jfr" ] || { echo "run-profile: no recording" >&2; exit 1; }
jfr print --events jdk.ExecutionSample "$base.jfr" | awk '
  function name(l) { sub(/^[ \t]+/, "", l); sub(/[ \t]+line:.*$/, "", l); sub(/\(.*$/, "", l); return l }
  /sampledThread = / { t = $0; sub(/^[^"]*"/, "", t); sub(/".*$/, "", t); gsub(/[0-9]+/, "", t); thread[t]++ }
  /stackTrace = \[/ { n++; first = 1; delete seen; inside = 1; next }
  inside && /^[ \t]*\]/ { inside = 0; next }
  inside && /line:/ { f = name($0); if (first) { self[f]++; first = 0 } if (!(f in seen)) { seen[f] = 1; incl[f]++ } }
  END {
    printf "%d Java samples; by thread:", n; for (t in thread) printf " %s %.0f%%", t, 100 * thread[t] / n; print ""
    print "-- self"; for (f in self) printf "%5.1f%% %s\n", 100 * self[f] / n, f | "sort -nr | head -25"; close("sort -nr | head -25")
    print "-- inclusive (tickgate and Netty frames)"
    for (f in incl) if (f ~ /^io\.(tickgate|netty)/) printf "%5.1f%% %s\n", 100 * incl[f] / n, f | "sort -nr | head -30"
    close("sort -nr | head -30")
  }' | tee "$base.frames.txt"
