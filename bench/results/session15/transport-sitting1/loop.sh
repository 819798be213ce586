#!/usr/bin/env bash
# (an interim build: io_uring was chosen by the system property tickgate.transport, the same Netty transport that
# bench-server --transport io_uring and gateway.transport: io_uring choose in the final build)
# epoll (main) against io_uring, alternated, tickgate only; Bun once per round
cd /work/main
for round in 1 2 3; do
  for side in epoll uring; do
    opts="-Xms2g -Xmx2g -XX:+UseG1GC"
    [ $side = uring ] && opts="$opts -Dtickgate.transport=io_uring"
    OUT=/tmp/s15/uring/out SERVER_OPTS="$opts" PEERS_WORK=/tmp/peers-work SERVERS=tickgate \
      RATES="20000 200000 500000" RESULTS=/tmp/s15/uring/$side-$round.jsonl bench/run-peers.sh > /tmp/s15/uring/$side-$round.txt 2>&1
  done
  if [ $round = 1 ]; then
    OUT=/tmp/s15/uring/out PEERS_WORK=/tmp/peers-work SERVERS=bun RATES="20000 200000 500000" \
      RESULTS=/tmp/s15/uring/bun-$round.jsonl bench/run-peers.sh > /tmp/s15/uring/bun-$round.txt 2>&1
  fi
done
echo done > /tmp/s15/uring/DONE
