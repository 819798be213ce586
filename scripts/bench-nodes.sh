#!/usr/bin/env bash
# Fan-out on 1 gateway node vs 3 (docs/benchmarks.md, "Several nodes"): a redis-server of its own on a free loopback
# port, `bin/tickgate demo --nodes N --broker ..` (node 1 runs the simulator and feeds), and `bin/tickgate-bench bench`
# with CONNS connections in total split over the nodes, subscribed to every trade, ticker and book.top topic.
# Runs 1, 3, 1 nodes; the load generator's JSON reports land in $OUT (fo-load-<run>-<nodes>-<node>.json).
# TOPICS: the patterns each connection subscribes to (default: every trade, ticker and book.top topic).
# Usage: CONNS=300 DUR=20 [TOPICS='*.*.trade'] scripts/bench-nodes.sh
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${OUT:-$(mktemp -d)}; mkdir -p "$OUT"; echo "output in $OUT"
export TICKGATE_SKIP_BUILD=1
CONNS=${CONNS:-300}; DUR=${DUR:-20}
TOPICS=${TOPICS:-'*.*.trade *.*.ticker *.*.book.top'}
read -r -a TLIST <<< "$TOPICS"; TOPIC_ARGS=(); for t in "${TLIST[@]}"; do TOPIC_ARGS+=(-t "$t"); done
RP=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
redis-server --port $RP --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile $OUT/fo-redis.pid --logfile $OUT/fo-redis.log
B=$(python3 - <<'P'
import socket,random
while True:
    b=random.randint(20000,40000); ok=True
    for i in range(3):
        s=socket.socket()
        try: s.bind(("127.0.0.1",b+i))
        except OSError: ok=False
        s.close()
    if ok: print(b); break
P
)
RUNNO=0
run() { # nodes
  local n=$1; RUNNO=$((RUNNO + 1))
  # an empty Redis per run: a new demo's simulator starts its trade ids anew, and the feeds' trade-id resume would
  # skip every trade up to the last id the previous run left in Redis (topics' "last")
  redis-cli -p $RP flushall >/dev/null
  echo "=== $n node(s), $CONNS connections total, topics $TOPICS, redis :$RP, gateway ports $B.. ; $(uptime)"
  bin/tickgate demo --nodes $n --broker redis://127.0.0.1:$RP --port $B > $OUT/fo-demo-$RUNNO-$n.log 2>&1 &
  local dp=$!
  for i in $(seq 0 $((n-1))); do
    for t in $(seq 1 120); do curl -sf http://127.0.0.1:$((B+i))/health >/dev/null && break; sleep 1; done
  done
  sleep 10
  local per=$((CONNS / n)); local pids=""
  for i in $(seq 0 $((n-1))); do
    bin/tickgate-bench bench -p $((B+i)) -c $per "${TOPIC_ARGS[@]}" --latency-from ts --warmup 5 -d $DUR --json > $OUT/fo-load-$RUNNO-$n-$i.json 2>$OUT/fo-load-$RUNNO-$n-$i.err &
    pids="$pids $!"
  done
  wait $pids
  echo "after: $(uptime)"
  kill $dp; wait $dp 2>/dev/null
  sleep 2
}
run 1
run 3
run 1
kill $(cat $OUT/fo-redis.pid)
