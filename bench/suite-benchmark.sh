#!/usr/bin/env bash
# Wall time of a full conformance run, from `java` to exit, against the reference mock started
# in-process (the suite's jar with the mock's jar on the class path: the suite carries no mock),
# 3 runs. Baseline in the same script: the same class path printing --help (JVM start and class
# loading only), so the ratio survives a noisy machine.
# Target: a full run under 10 s on the 2-core machine.
#
# usage: bench/suite-benchmark.sh [--runs 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
[ "${1:-}" = --runs ] && runs=$2
jar=conformance-tests/target/conformance-tests.jar
mock=mock-server/target/mock-server.jar
{ [ -f "$jar" ] && [ -f "$mock" ]; } || mvn -B -q -DskipTests package
suite=(java -cp "$jar:$mock" dev.assistantkit.conformance.ConformanceMain)

now_ms() { date +%s%3N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

base=(); full=()
for _ in $(seq 1 "$runs"); do
  t=$(now_ms); "${suite[@]}" --help >/dev/null; base+=($(( $(now_ms) - t )))
  t=$(now_ms); "${suite[@]}" > /tmp/suite-bench.out 2>&1 || { tail -5 /tmp/suite-bench.out; exit 1; }
  full+=($(( $(now_ms) - t )))
done
echo "baseline (--help): ${base[*]} ms, median $(median "${base[@]}") ms"
echo "full run (in-process mock): ${full[*]} ms, median $(median "${full[@]}") ms"
tail -1 /tmp/suite-bench.out
awk -v f="$(median "${full[@]}")" -v b="$(median "${base[@]}")" \
  'BEGIN { printf "full run / JVM start: %.1fx; full run %.1f s (target < 10 s)\n", f / b, f / 1000 }'
