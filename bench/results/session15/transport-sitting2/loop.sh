#!/usr/bin/env bash
# gateway.transport epoll against io_uring (bench-server --transport), alternated, tickgate only; Bun once
cd /work/main
for round in 1 2 3; do
  for side in epoll io_uring; do
    OUT=/tmp/s15/uring2/out SERVER_ARGS="--transport $side" PEERS_WORK=/tmp/peers-work SERVERS=tickgate \
      RATES="20000 100000 200000" RESULTS=/tmp/s15/uring2/$side-$round.jsonl bench/run-peers.sh > /tmp/s15/uring2/$side-$round.txt 2>&1
  done
  if [ $round = 1 ]; then
    OUT=/tmp/s15/uring2/out PEERS_WORK=/tmp/peers-work SERVERS=bun RATES="20000 100000 200000" \
      RESULTS=/tmp/s15/uring2/bun-$round.jsonl bench/run-peers.sh > /tmp/s15/uring2/bun-$round.txt 2>&1
  fi
done
echo done > /tmp/s15/uring2/DONE
