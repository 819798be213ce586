#!/usr/bin/env bash
# Side by side with the reference servers (docs/benchmarks.md, "Side by side with the reference servers").
#
#   bench/run-peers.sh            tickgate's bench-server and each reference peer, one after the other at each rate
#                                 (about 13 minutes on the 2-core machine)
#   QUICK=1 bench/run-peers.sh    a tiny version (200 connections, 20 topics, two low rates; about a minute):
#                                 checks the script, measures nothing worth publishing
#
# Every server gets the same workload and the same load generator (the bench module's, `BenchMain bench`, one JVM
# per run): CONNECTIONS connections, TOPICS topics bench.SYM<i>.trade, each connection subscribed to one of them
# (round-robin, so CONNECTIONS/TOPICS subscribers per topic), events published at a fixed total rate chosen so that
# events/s x subscribers per topic = the asked deliveries/s. Both tickgate's `bench-server --rate` and the peers'
# RATE argument are events per second over all topics. Latency is taken from each data frame's `ts` (epoch ms at
# publication: tickgate's ingest time, Date.now() / time.time() in the peers) the same way for every server
# (`--latency-from ts`), so each value is 0 to 1 ms high for all of them alike. Server CPU: utime + stime (+ the
# children's) of the server process and its descendants, from /proc/<pid>/stat at both ends of the measurement
# window, read by the load generator (`--server-pid`).
#
# The peers come from ../shared/peers (PEERS_SRC), copied to a temporary directory (PEERS_WORK to keep and reuse
# one) where `npm ci` / `npm install` brings Node's `ws` and Bun; the Python peer needs Debian's
# python3-websockets, installed with apt-get when missing. A peer that cannot be installed or started is skipped
# with a message (and a {"server":..,"skipped":..} line in the results).
#
# Output: a table on stdout; one JSON line per (server, rate) in bench/results/peers.jsonl (RESULTS; with QUICK=1
# bench/target/peers-quick.jsonl), with the load generator's report under "report". Progress: stderr; the servers'
# output: $OUT/peers-<server>.log (OUT defaults to bench/results).
# Environment: SERVERS (subset of "tickgate bun node-ws python"), RATES (asked deliveries/s), CONNECTIONS, TOPICS,
# WARMUP (default 40 s: tickgate's JIT keeps recompiling for tens of seconds, as its periodic work first runs, e.g.
# the heartbeat's idle checks 20 s in; steady state is what a 24/7 server runs in), DURATION (seconds), PORT (first
# port; each run takes the next), SERVER_OPTS / CLIENT_OPTS (JVM options),
# SERVER_ARGS (more bench-server arguments for tickgate, e.g. "--io-threads 2 --hub-shards 1"), TICK_MILLIS
# (tickgate's publishing tick, default 10: the events due published in a burst every 10 ms, the peers' own
# publisher shape; 0 = each event published when due, spread evenly, as before session 11).
# The tickgate processes run from bench/target/benchmarks.jar, the same as bin/tickgate-bench bench-server / bench;
# CLIENT_JAR runs the load generator from another build's benchmarks.jar (an A/B of a change that also touches the
# load generator, e.g. a Netty upgrade, keeps one client for both sides).
# ROUNDS (default 1): the whole sequence that many times, so the servers alternate at every rate and a drift of the
# shared machine falls on each of them alike; each line of the results carries its round. After the table comes a
# summary of issue 11's goals from the medians over the rounds: tickgate's CPU per delivery and p99 against each
# peer's at each rate, and each server's highest delivered rate whose median p99 is at most 25 ms (">=" when that
# was the highest rate asked: its real limit may be higher).
#   bench/run-peers.sh --help     this text
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "run-peers: no arguments (settings are environment variables; see --help)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
out="${OUT:-$root/bench/results}"; mkdir -p "$out"; out="$(cd "$out" && pwd)" # absolute: the peers install elsewhere
peers_src="${PEERS_SRC:-$root/../shared/peers}"
SERVERS="${SERVERS:-tickgate bun node-ws python}"
SERVER_OPTS="${SERVER_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC}"
CLIENT_OPTS="${CLIENT_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
if [ "${QUICK:-}" = "1" ]; then
  CONNECTIONS="${CONNECTIONS:-200}"; TOPICS="${TOPICS:-20}"; RATES="${RATES:-2000 20000}"
  WARMUP="${WARMUP:-1}"; DURATION="${DURATION:-2}"; results="${RESULTS:-$root/bench/target/peers-quick.jsonl}"
else
  CONNECTIONS="${CONNECTIONS:-1000}"; TOPICS="${TOPICS:-100}"; RATES="${RATES:-20000 200000 500000}"
  WARMUP="${WARMUP:-40}"; DURATION="${DURATION:-10}"; results="${RESULTS:-$out/peers.jsonl}"
fi
case "$results" in /*) ;; *) results="$PWD/$results" ;; esac
TICK_MILLIS="${TICK_MILLIS:-10}"
ROUNDS="${ROUNDS:-1}"
SETUP_TIMEOUT=60
port="${PORT:-18190}"
subscribers=$((CONNECTIONS / TOPICS))
if [ "$subscribers" -lt 1 ] || [ $((subscribers * TOPICS)) -ne "$CONNECTIONS" ]; then
  echo "run-peers: CONNECTIONS ($CONNECTIONS) must be a multiple of TOPICS ($TOPICS)" >&2; exit 2
fi

say() { echo "run-peers: $*" >&2; }

# --- every process started here is stopped at exit -------------------------------------------------------------
server_pid=""; loader_pid=""; work=""; own_work=""; report="$(mktemp)"
stop_server() { # SIGTERM to the server's process group, SIGKILL after 15 s
  [ -n "$server_pid" ] || return 0
  kill -TERM -- "-$server_pid" 2> /dev/null || kill -TERM "$server_pid" 2> /dev/null || true
  for _ in $(seq 75); do kill -0 "$server_pid" 2> /dev/null || break; sleep 0.2; done
  kill -KILL -- "-$server_pid" 2> /dev/null || kill -KILL "$server_pid" 2> /dev/null || true
  wait "$server_pid" 2> /dev/null || true
  server_pid=""
}
cleanup() {
  if [ -n "$loader_pid" ]; then kill -TERM "$loader_pid" 2> /dev/null || true; wait "$loader_pid" 2> /dev/null || true; fi
  stop_server
  if [ -n "$own_work" ]; then rm -rf "$own_work"; fi
  rm -f "$report"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the table (also: TABLE_ONLY=1 bench/run-peers.sh prints it again from $RESULTS, running nothing) ------------
# jq number formats shared by both tables: n one decimal ("" for none), c thousands separators
jq_formats='def n: if . == null then "" else (. * 10 | round / 10 | tostring) end;
            def c: tostring | until(test("^[0-9]{4}") | not; sub("(?<a>[0-9])(?<b>[0-9]{3})(?<r>[,.]|$)"; "\(.a),\(.b)\(.r)"));'
print_table() {
  echo "| asked deliveries/s | server | delivered/s | p50 / p99 / max ms (from ts) | server CPU-s in ${DURATION} s | CPU-s per million deliveries | connections closed by the server | load average |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |"
  jq -r "$jq_formats"'
         def r: if $rounds > 1 then " (round \(.round // 1))" else "" end;
         if .skipped then "| \(.askedDeliveriesPerSecond | c) | \(.server)\(r) | skipped: \(.skipped) | | | | | |"
         else "| \(.askedDeliveriesPerSecond | c) | \(.server)\(r) | \(.deliveredPerSecond | round | c) | \(.p50Ms | n) / \(.p99Ms | n) / \(.maxMs | n) | \(.serverCpuSeconds | n) | \(.cpuSecondsPerMillionDeliveries | n) | \(.closedByServer)\(if (.closeCodes // {}) == {} then "" else " (\(.closeCodes | to_entries | map("\(.value) × \(.key)") | join(", ")))" end) | \(.loadAverage | map(tostring) | join(" → ")) |" end' \
      --argjson rounds "$(jq -s 'map(.round // 1) | max // 1' "$results")" "$results"
  print_goals
}

# --- issue 11's goals, from the medians over the rounds ----------------------------------------------------------
print_goals() {
  jq -r -s "$jq_formats"'
    def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
                       else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def m: if . == null then "–" else n end;
    def x: if . == null then "–" else (. * 100 | round / 100 | tostring) + "×" end;
    def k: round | c;
    [.[] | select(.skipped | not)] | group_by([.askedDeliveriesPerSecond, .server])
    | map({asked: .[0].askedDeliveriesPerSecond, server: .[0].server, rounds: length,
           delivered: (map(.deliveredPerSecond) | median), p99: (map(.p99Ms) | median),
           cpu: (map(.cpuSecondsPerMillionDeliveries) | median)}) as $m
    | ($m | map(.asked) | max) as $top
    | ($m | map(select(.server == "tickgate"))) as $t
    | ($m | map(select(.server != "tickgate"))) as $peers
    | if ($t | length) == 0 or ($peers | length) == 0 then "(no goals summary: it needs tickgate and a peer)" else
      "",
      "Issue 11 goals, medians over \($m | map(.rounds) | max) round(s): tickgate against each peer",
      "| asked deliveries/s | peer | delivered/s tickgate / peer | CPU-s per million tickgate / peer (ratio; goal <= 1×) | p99 ms tickgate / peer (goal at 200,000: <=) |",
      "| ---: | --- | ---: | ---: | ---: |",
      ($peers[] as $p | ($t[] | select(.asked == $p.asked)) as $g
        | "| \($p.asked | k) | \($p.server) | \($g.delivered | k) / \($p.delivered | k) | \($g.cpu | m) / \($p.cpu | m) (\(if $p.cpu > 0 then $g.cpu / $p.cpu else null end | x)) | \($g.p99 | m) / \($p.p99 | m) |"),
      "",
      "Highest delivered rate with a median p99 <= 25 ms (goal: tickgate >= 2× each peer):",
      ($m | group_by(.server)[] | . as $s
        | ($s | map(select(.p99 != null and .p99 <= 25)) | max_by(.delivered)) as $best
        | "  \($s[0].server): \(if $best == null then "none of the rates asked"
            else "\(if $best.asked == $top then ">= " else "" end)\($best.delivered | k)/s (asked \($best.asked | k))" end)")
      end' "$results"
}
if [ "${TABLE_ONLY:-}" = "1" ]; then print_table; exit 0; fi

# --- prerequisites ---------------------------------------------------------------------------------------------
if ! command -v jq > /dev/null; then
  say "installing jq (formats the results)"
  timeout 300 apt-get install -y jq > /dev/null 2>&1 || { timeout 300 apt-get update > /dev/null 2>&1 &&
      timeout 300 apt-get install -y jq > /dev/null 2>&1; } || { say "jq is required"; exit 1; }
fi
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl bench -am package -DskipTests)
fi
mkdir -p "$out" "$(dirname "$results")"
ulimit -n 1048576 2> /dev/null || ulimit -n "$(ulimit -Hn)"

apt_install() { # package: apt-get install, with one `apt-get update` if the first try fails; bounded
  timeout 300 apt-get install -y "$1" > /dev/null 2>&1 && return 0
  timeout 300 apt-get update > /dev/null 2>&1 || true
  timeout 300 apt-get install -y "$1" > /dev/null 2>&1
}

declare -A skip=()   # server -> why it is skipped
copied=""; node_ready=""
copy_peers() { # the peers' files, once, into a writable directory
  [ -z "$copied" ] || return 0
  copied=done
  if [ ! -f "$peers_src/package.json" ]; then
    for p in bun node-ws python; do skip[$p]="no peers in $peers_src"; done
    return 0
  fi
  if [ -n "${PEERS_WORK:-}" ]; then work="$PEERS_WORK"; mkdir -p "$work"; else work="$(mktemp -d)"; own_work="$work"; fi
  cp "$peers_src"/* "$work"/ && chmod -R u+w "$work"
}
prepare_node_peers() { # Node and the peers' npm packages (ws, bun), once
  [ -z "$node_ready" ] || return 0
  node_ready=done
  [ -n "$work" ] || return 0 # nothing was copied: already skipped
  if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    say "installing nodejs and npm (apt-get)"
    apt_install nodejs || true
    apt_install npm || true
  fi
  if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    skip[bun]="node/npm could not be installed"; skip[node-ws]="node/npm could not be installed"; return 0
  fi
  if [ ! -d "$work/node_modules/ws" ] || [ ! -x "$work/node_modules/.bin/bun" ]; then
    local npm_cmd=(npm install --no-audit --no-fund)
    [ -f "$work/package-lock.json" ] && npm_cmd=(npm ci --no-audit --no-fund)
    say "installing the peers' npm packages in $work (${npm_cmd[*]})"
    if ! (cd "$work" && timeout 300 "${npm_cmd[@]}" > "$out/peers-npm.log" 2>&1); then
      say "npm install failed; see $out/peers-npm.log"
    fi
  fi
  [ -d "$work/node_modules/ws" ] || skip[node-ws]="npm package ws could not be installed"
  if ! timeout 30 "$work/node_modules/.bin/bun" --version > /dev/null 2>&1; then
    skip[bun]="Bun (npm package bun) could not be installed or does not run here"
  fi
}
prepare_python_peer() {
  [ -n "$work" ] || return 0 # nothing was copied: already skipped
  [ -x /usr/bin/python3 ] || apt_install python3 || true
  [ -x /usr/bin/python3 ] || { skip[python]="no /usr/bin/python3"; return 0; }
  if ! /usr/bin/python3 -c 'import websockets' 2> /dev/null; then
    say "installing python3-websockets (apt-get)"
    apt_install python3-websockets || true
    /usr/bin/python3 -c 'import websockets' 2> /dev/null || skip[python]="python3-websockets could not be installed"
  fi
}
for s in $SERVERS; do
  case "$s" in
    tickgate) ;;
    bun|node-ws) copy_peers; prepare_node_peers ;;
    python) copy_peers; prepare_python_peer ;;
    *) say "unknown server $s (known: tickgate bun node-ws python)"; exit 2 ;;
  esac
done

# --- one run ---------------------------------------------------------------------------------------------------
start_server() { # server port events/s: starts it in its own process group, waits until it answers HTTP
  local name=$1 p=$2 events=$3 log="$out/peers-$1.log"
  local -a cmd
  case "$name" in
    tickgate) cmd=(java $SERVER_OPTS -cp "$jar" io.tickgate.bench.cli.BenchMain bench-server --port "$p"
                   --topics "$TOPICS" --rate "$events" --symbol-format 'SYM%d' --tick-millis "$TICK_MILLIS" ${SERVER_ARGS:-}) ;;
    bun)      cmd=("$work/node_modules/.bin/bun" "$work/bun-peer.js" "$p" "$TOPICS" "$events") ;;
    node-ws)  cmd=(node "$work/node-ws-peer.mjs" "$p" "$TOPICS" "$events") ;;
    python)   cmd=(/usr/bin/python3 "$work/py-websockets-peer.py" "$p" "$TOPICS" "$events") ;;
  esac
  echo "== $(date -u +%FT%TZ) ${cmd[*]}" >> "$log"
  (cd "${work:-$root}" && exec setsid "${cmd[@]}") >> "$log" 2>&1 < /dev/null &
  server_pid=$!
  local deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ]; do # any HTTP answer (tickgate: /health 200; peers: 400 or 426 to a GET)
    if ! kill -0 "$server_pid" 2> /dev/null; then wait "$server_pid" 2> /dev/null || true; server_pid=""; return 1; fi
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/health" && return 0
    sleep 0.2
  done
  stop_server; return 1
}

topic_args=()
for i in $(seq 0 $((TOPICS - 1))); do topic_args+=(--topic "bench.SYM$i.trade"); done

run_one() { # server asked-deliveries/s
  local name=$1 asked=$2 events
  events=$((asked / subscribers))
  if [ -n "${skip[$name]:-}" ]; then
    say "skipping $name: ${skip[$name]}"
    jq -cn --arg s "$name" --argjson a "$asked" --arg why "${skip[$name]}" \
        '{server: $s, askedDeliveriesPerSecond: $a, skipped: $why}' >> "$results"
    return 0
  fi
  port=$((port + 1))
  say "$name: $asked deliveries/s asked = $events events/s over $TOPICS topics x $subscribers subscribers (port $port)"
  if ! start_server "$name" "$port" "$events"; then
    say "$name did not start; see $out/peers-$name.log"
    jq -cn --arg s "$name" --argjson a "$asked" '{server: $s, askedDeliveriesPerSecond: $a, skipped: "did not start"}' \
        >> "$results"
    return 0
  fi
  timeout -k 10 $((2 * SETUP_TIMEOUT + WARMUP + DURATION + 60)) \
      java $CLIENT_OPTS -cp "${CLIENT_JAR:-$jar}" io.tickgate.bench.cli.BenchMain bench --port "$port" \
      --connections "$CONNECTIONS" --spread-topics --subscribe-on-open --latency-from ts --server-pid "$server_pid" \
      --warmup "$WARMUP" --duration "$DURATION" --setup-timeout "$SETUP_TIMEOUT" --json "${topic_args[@]}" \
      > "$report" 2> >(sed "s/^/  [$name] /" >&2) &
  loader_pid=$!
  local rc=0
  wait "$loader_pid" || rc=$?
  loader_pid=""
  stop_server
  if ! jq -e . "$report" > /dev/null 2>&1; then
    say "$name: the load generator failed (exit $rc)"
    jq -cn --arg s "$name" --argjson a "$asked" --argjson rc "$rc" \
        '{server: $s, askedDeliveriesPerSecond: $a, skipped: ("load generator exit " + ($rc | tostring))}' >> "$results"
    return 0
  fi
  local tick="$TICK_MILLIS"; [ "$name" = tickgate ] || tick=10 # every peer's publisher is a 10 ms timer
  jq -c --arg s "$name" --argjson a "$asked" --argjson e "$events" --argjson c "$CONNECTIONS" --argjson t "$TOPICS" \
      --argjson tick "$tick" --argjson round "$round" --arg date "$(date -u +%FT%TZ)" '{server: $s, date: $date,
        round: $round, askedDeliveriesPerSecond: $a,
        eventsPerSecond: $e, publishTickMillis: $tick,
        connections: $c, topics: $t, established: .connections.established,
        closedByServer: .connections.disconnects, closeCodes: .closeCodes,
        deliveredPerSecond: .delivery.messagesPerSecond,
        p50Ms: (.latency.p50 / 1000), p99Ms: (.latency.p99 / 1000), maxMs: (.latency.max / 1000),
        latencySamples: .latency.count, serverCpuSeconds: .serverCpu.cpuSeconds,
        serverCores: .serverCpu.cores, cpuSecondsPerMillionDeliveries: .serverCpu.cpuSecondsPerMillionMessages,
        loadAverage: .setup.loadAverage,
        report: (.setup.topics |= "\(length) topics, \(.[0]) .. \(.[-1])")}' "$report" >> "$results"
  tail -n 1 "$results" | jq -r '"  -> \(.server): \(.deliveredPerSecond) delivered/s, p50/p99/max \(.p50Ms)/\(.p99Ms)/\(.maxMs) ms, CPU \(.serverCpuSeconds) s = \(.cpuSecondsPerMillionDeliveries) s per million (load \(.loadAverage))"' >&2
}

: > "$results"
say "$(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg); servers: $SERVERS; asked deliveries/s: $RATES"
for round in $(seq "$ROUNDS"); do
  for asked in $RATES; do
    for s in $SERVERS; do
      run_one "$s" "$asked"
    done
  done
done
say "done, load average $(cut -d' ' -f1-3 /proc/loadavg); results in $results"
print_table
