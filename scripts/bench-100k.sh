#!/usr/bin/env bash
# 100,000 WebSocket connections over several gateway processes on this machine (docs/benchmarks.md, "100,000
# connections over six gateway processes"). One process may hold at most 20,000 open files here, so: a redis-server
# of its own on a free loopback port, one feed node (`bin/tickgate demo --broker ..`: simulator and feeds, no
# clients), NODES gateway nodes (`bin/tickgate gateway --no-feeds --broker .. --set store.enabled=false`: with the
# history store a node follows every topic in Redis, not only its clients' ones), and one load generator
# (`bin/tickgate-bench bench`) per gateway with PER connections from 4 local source addresses of its own; connection
# i subscribes to the (i mod 4)-th of TOPICS (--spread-topics).
# Memory per gateway: VmRSS and the heap after a full GC (jcmd GC.run, GC.heap_info), before connecting and once
# every gateway holds its connections; the JSON reports of the load generators and the memory table land in $OUT.
# Builds nothing: build app/target/tickgate.jar and bench/target/benchmarks.jar first.
# DUR must cover the memory readings (jcmd is slow on a loaded machine).
# Usage: NODES=6 PER=16667 DUR=60 scripts/bench-100k.sh
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${OUT:-$(mktemp -d)}; mkdir -p "$OUT"; echo "output in $OUT"
export TICKGATE_SKIP_BUILD=1
NODES=${NODES:-6}; PER=${PER:-16667}; DUR=${DUR:-60}
TOPICS=${TOPICS:-"binance.BTCUSDT.trade binance.ETHUSDT.trade okx.BTC-USDT.trade okx.ETH-USDT.trade"}
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
metric() { curl -sf "http://127.0.0.1:$1/metrics" | awk -v m="$2" '$1==m {print $2}'; }
heap_kb() { jcmd "$1" GC.run >/dev/null 2>&1; jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {
  for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); print v; exit}}'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
memory() { # label
  for i in $(seq 1 "$NODES"); do
    local p=${GPIDS[$i]}
    echo "$1 node $i pid $p connections $(metric "${GPORTS[$i]}" tickgate_gateway_connections) rss_kb $(rss_kb "$p") heap_used_kb $(heap_kb "$p")"
  done | tee -a "$OUT/memory.txt"
}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT

RP=$(free_port)
redis-server --port "$RP" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$OUT/redis.pid" \
  --logfile "$OUT/redis.log"
sleep 1; PIDS+=("$(cat "$OUT/redis.pid")")
FP=$(free_port)
bin/tickgate demo --broker "redis://127.0.0.1:$RP" --port "$FP" > "$OUT/feed.log" 2>&1 &
PIDS+=($!)
declare -A GPIDS GPORTS
for i in $(seq 1 "$NODES"); do
  GPORTS[$i]=$(free_port)
  # the per-address limits off: 16,667 connections come from 4 source addresses (edge.maxConnectionsPerIp is 2,000)
  bin/tickgate gateway --no-feeds --broker "redis://127.0.0.1:$RP" --port "${GPORTS[$i]}" --set store.enabled=false \
    --set edge.maxConnectionsPerIp=0 --set edge.connectRatePerIp=0 > "$OUT/gateway-$i.log" 2>&1 &
  GPIDS[$i]=$!; PIDS+=($!)
done
for p in "$FP" "${GPORTS[@]}"; do
  for t in $(seq 1 180); do curl -sf "http://127.0.0.1:$p/health" >/dev/null && break; sleep 1; done
done
sleep 10
echo "=== $NODES gateways x $PER connections, redis :$RP; $(uptime)" | tee -a "$OUT/memory.txt"
memory before
TOPIC_ARGS=(); for t in $TOPICS; do TOPIC_ARGS+=(-t "$t"); done
LPIDS=()
for i in $(seq 1 "$NODES"); do
  bin/tickgate-bench bench -p "${GPORTS[$i]}" -c "$PER" "${TOPIC_ARGS[@]}" --spread-topics --latency-from ts \
    --source-addresses "127.0.$i.2-127.0.$i.5" --warmup 5 -d "$DUR" --setup-timeout 300 --json \
    > "$OUT/load-$i.json" 2> "$OUT/load-$i.err" &
  LPIDS+=($!); PIDS+=($!)
done
# memory once every load generator is through connecting (its connections then stay open for warm-up + DUR)
for t in $(seq 1 600); do
  n=0; for i in $(seq 1 "$NODES"); do grep -q "established in" "$OUT/load-$i.err" 2>/dev/null && n=$((n + 1)); done
  [ "$n" -ge "$NODES" ] && break
  alive=0; for p in "${LPIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done; [ $alive = 0 ] && break
  sleep 1
done
sleep 5
total=0
for i in $(seq 1 "$NODES"); do c=$(metric "${GPORTS[$i]}" tickgate_gateway_connections); c=${c:-0}; total=$((total + ${c%.*})); done
echo "connected: $total; $(uptime)" | tee -a "$OUT/memory.txt"
memory connected
wait "${LPIDS[@]}"
echo "after: $(uptime)" | tee -a "$OUT/memory.txt"
for i in $(seq 1 "$NODES"); do
  grep -c "Too many open files" "$OUT/gateway-$i.log" | sed "s/^/gateway $i 'Too many open files': /"
done | tee -a "$OUT/memory.txt"
