#!/usr/bin/env bash
# Reproduces the parse figures of docs/benchmarks.md ("Parsing: current figures"): JMH over every VenueParse case
# (2 forks x 10 iterations of 300 ms, with allocation), summarized as median / best iteration, then the per-CPU-second
# companion. About 6 minutes on the 2-core machine. Writes bench/results/parse.json and parse-cpu.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
out="${OUT:-$root/bench/results}"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl bench -am package -DskipTests)
fi
mkdir -p "$out"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$jar" VenueParse -f 2 -wi 3 -i 10 -r 300ms -w 1s -prof gc -rf json -rff "$out/parse.json" > "$out/parse-jmh.txt"
echo "load average after JMH: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$jar" io.tickgate.bench.jmh.JmhSummary "$out/parse.json"
java -cp "$jar" io.tickgate.bench.jmh.ParseCpuTime 4 | tee "$out/parse-cpu.txt"
