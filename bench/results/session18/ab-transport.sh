#!/usr/bin/env bash
# alternates --transport epoll / io_uring; usage: ab-transport.sh TAG ROUNDS [JAR_DIR]
T=$1; N=$2; D=${3:-/work/main}
cd $D
for r in $(seq $N); do for t in epoll io_uring; do
  PEERS_WORK=/tmp/peers-work PEERS_SRC=/work/shared/peers SERVERS=tickgate RATES="20000 200000" WARMUP=25 \
    SERVER_ARGS="--transport $t" RESULTS=/tmp/s18/$T-$t.jsonl OUT=/tmp/s18/out-$T bench/run-peers.sh 2>/dev/null | grep '^| [0-9]' | sed "s/^/$t r$r /"
done; done
