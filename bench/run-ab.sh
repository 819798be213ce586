#!/usr/bin/env bash
# A/B of two tickgate builds on the side-by-side workload (bench/run-peers.sh, tickgate only), alternating them so
# that both see the same machine: docs/benchmarks.md, "Fan-out changes of issue 11, measured A/B in one sitting".
#
#   bench/run-ab.sh DIR_A DIR_B [ROUNDS]     each DIR a checkout whose bench/target/benchmarks.jar is built
#                                            (mvn -pl bench -am package -DskipTests); ROUNDS defaults to 2
#   RATES="200000 500000" (default) and every other run-peers.sh variable apply.
# Writes $OUT/ab-<a|b>-<round>.jsonl and .txt (OUT defaults to bench/results/ab) and prints each table row.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,9p "$0"; exit 2; }
a="$(cd "$1" && pwd)"; b="$(cd "$2" && pwd)"; rounds="${3:-2}"
out="${OUT:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/results/ab}"
mkdir -p "$out"
for dir in "$a" "$b"; do
  [ -f "$dir/bench/target/benchmarks.jar" ] || { echo "no $dir/bench/target/benchmarks.jar: build it first" >&2; exit 1; }
done
for round in $(seq 1 "$rounds"); do
  for side in a b; do
    if [ "$side" = a ]; then dir="$a"; else dir="$b"; fi
    SERVERS=tickgate RATES="${RATES:-200000 500000}" RESULTS="$out/ab-$side-$round.jsonl" OUT="$out" \
      "$dir/bench/run-peers.sh" > "$out/ab-$side-$round.txt" 2> "$out/ab-$side-$round.err"
    grep '^| [0-9]' "$out/ab-$side-$round.txt" | sed "s/^/$side round $round: /"
  done
done
