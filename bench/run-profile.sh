#!/usr/bin/env bash
# Profile of tickgate's bench-server on the side-by-side workload (docs/benchmarks.md, "Issue 11: profile").
#
#   bench/run-profile.sh [ASKED]      ASKED deliveries/s (default 200000): 1,000 connections, 100 topics, 10 subscribers
#                                     per topic, the load generator of bench/run-peers.sh
#
# The server runs unprofiled until the generator has its connections, then, after WARMUP seconds (default 40, as
# bench/run-peers.sh: the JIT must be done, or the profile shows the compiler's work), a profile and two snapshots of
# /proc/<pid>/task/*/stat cover the same WINDOW seconds (default 10). PROFILER=async (the default) attaches
# async-profiler (CPU samples every 1 ms, Java and kernel frames; the library comes from Maven Central's
# tools.profiler:async-profiler, fetched into ~/.m2 when missing); PROFILER=jfr starts a JFR recording
# (settings=profile; its start makes the JIT recompile, so compiler threads show in the window). Printed: CPU per
# thread group (user and system seconds: what the kernel's socket path costs shows as system time), the generator's
# delivered/s, latency and CPU per million deliveries, then the most sampled frames (self: where the CPU is, for async
# the Java frame nearest the kernel; inclusive: who calls it) as shares of the samples (async: of the I/O threads',
# with the share that was in the kernel). Files:
# $OUT/profile-<ASKED>.{collapsed|jfr,report.json,server.log,threads.txt,frames.txt} (OUT defaults to
# bench/target/profile). SERVER_OPTS, SERVER_ARGS, TICK_MILLIS as for run-peers.sh. Every process started here is
# stopped at exit.
#   bench/run-profile.sh --help     this text
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "run-profile: no $jar (mvn -B -o -pl bench -am package -DskipTests)" >&2; exit 1; }
asked="${1:-200000}"; warmup="${WARMUP:-40}"; window="${WINDOW:-10}"; profiler="${PROFILER:-async}"
out="${OUT:-$root/bench/target/profile}"; mkdir -p "$out"; base="$out/profile-$asked"
rm -f "$base".*
port="${PORT:-18390}"
if [ "$profiler" = async ]; then
  ap_version=4.1; ap_jar="$HOME/.m2/repository/tools/profiler/async-profiler/$ap_version/async-profiler-$ap_version.jar"
  [ -f "$ap_jar" ] || mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$ap_version" > /dev/null \
      || { echo "run-profile: cannot fetch async-profiler $ap_version (PROFILER=jfr works offline)" >&2; exit 1; }
  case "$(uname -m)" in aarch64) ap_arch=linux-arm64 ;; *) ap_arch=linux-x64 ;; esac
  unzip -o -q -d "$out" "$ap_jar" "$ap_arch/libasyncProfiler.so"; ap_lib="$out/$ap_arch/libasyncProfiler.so"
elif [ "$profiler" != jfr ]; then
  echo "run-profile: PROFILER is async or jfr, not $profiler" >&2; exit 2
fi
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
setsid java ${SERVER_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC} -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -cp "$jar" io.tickgate.bench.cli.BenchMain bench-server --port "$port" \
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
  if [ "$profiler" = async ]; then # the options quoted: jcmd would split them at '='
    jcmd "$server_pid" JVMTI.agent_load "$ap_lib" '"start,event=cpu,interval=1ms,threads"' > /dev/null
  else
    jcmd "$server_pid" JFR.start name=profile settings=profile duration="${window}s" filename="$base.jfr" > /dev/null
  fi
  sleep "$window"; threads > "$base.cpu1"
  if [ "$profiler" = async ]; then
    jcmd "$server_pid" JVMTI.agent_load "$ap_lib" "\"stop,file=$base.collapsed,collapsed\"" > /dev/null
  fi
) &
snapper=$!
timeout -k 10 $((120 + warmup + window)) java ${CLIENT_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC} -cp "$jar" \
    io.tickgate.bench.cli.BenchMain bench --port "$port" --connections 1000 --spread-topics --subscribe-on-open \
    --latency-from ts --server-pid "$server_pid" --warmup "$warmup" --duration $((window + 4)) --setup-timeout 60 --json \
    "${topics[@]}" > "$base.report.json" 2> "$base.loader.err" || echo "run-profile: the load generator failed" >&2
wait "$snapper" || true; snapper=""
[ "$profiler" = async ] || sleep 2 # the recording ends and is written
echo "== $(date -u +%FT%TZ) $asked asked deliveries/s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
join "$base.cpu0" "$base.cpu1" | awk -v w="$window" '{u = ($4 - $2) / 100; s = ($5 - $3) / 100; U += u; S += s;
    if (u + s > 0.01) printf "%-24s user %6.2f s  system %6.2f s\n", $1, u, s}
    END {printf "%-24s user %6.2f s  system %6.2f s  (%s s window)\n", "all threads", U, S, w}' | sort -k3 -nr | tee "$base.threads.txt"
jq -r '"generator: \(.delivery.messagesPerSecond | round) delivered/s, p50/p99/max \(.latency.p50 / 1000)/\(.latency.p99 / 1000)/\(.latency.max / 1000) ms, \(.serverCpu.cpuSecondsPerMillionMessages) CPU-s per million (whole measurement)"' "$base.report.json"
if [ "$profiler" = async ]; then
  [ -s "$base.collapsed" ] || { echo "run-profile: no profile" >&2; exit 1; }
  # a line: thread;frame;...;leaf count. Kernel frames end in _[k]; "self" is the Java (or native) frame nearest them
  awk '
    { n = $NF; sub(/ [0-9]+$/, ""); k = split($0, f, ";"); t = f[1]; gsub(/[0-9]+|tid=|[][]/, "", t); sub(/ +$/, "", t)
      all += n; thread[t] += n
      if (t !~ /gw-io/) next
      io += n; kernel = 0; leaf = ""; delete seen
      for (i = 2; i <= k; i++) {
        if (f[i] ~ /_\[k\]$/) { kernel = 1; continue }
        leaf = f[i]; if (!(f[i] in seen)) { seen[f[i]] = 1; incl[f[i]] += n }
      }
      if (kernel) inkernel += n
      self[leaf] += n }
    END {
      printf "%d samples; by thread:", all; for (t in thread) if (thread[t] * 200 >= all) printf " %s %.0f%%", t, 100 * thread[t] / all
      printf "\nI/O threads: %d samples, %.0f%% of them in the kernel\n", io, 100 * inkernel / io
      print "-- self (I/O threads)"; for (x in self) printf "%5.1f%% %s\n", 100 * self[x] / io, x | "sort -nr | head -25"
      close("sort -nr | head -25")
      print "-- inclusive (I/O threads; tickgate and Netty frames)"
      for (x in incl) if (x ~ /^io\/(tickgate|netty)/) printf "%5.1f%% %s\n", 100 * incl[x] / io, x | "sort -nr | head -30"
      close("sort -nr | head -30")
    }' "$base.collapsed" | tee "$base.frames.txt"
  exit 0
fi
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
