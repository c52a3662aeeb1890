#!/usr/bin/env bash
# How `simulate` (every default scenario) grows with the fleet: one run per node count, with the
# plain `java -jar` defaults (no heap flag), then with -XX:+UseSerialGC (a one-thread batch whose
# tasks' objects live just long enough to be copied: G1 grows its heap to keep its pause share down),
# then with the parallel collector in a bounded heap (the same copying on both cores; 600m holds
# 100,000 nodes), then the settings docs/reports/fleet-simulation.md gives for 100,000 nodes (a young
# generation that holds a fleet's churn, survivors promoted at once instead of copied up to 15
# times), then with two scenarios at once (--threads 2) in a heap one fleet larger, and last with a
# young generation so large and pre-touched that nothing is collected during a scenario (only the full
# collection between scenarios runs: what the run costs without the collector, at several GiB);
# measured by GNU time. Prints one table: the process's wall time, the simulation's own (its
# "Simulated in" line: no JVM start, no pre-touch), user+sys CPU seconds (the fairer figure on a
# shared machine), the collector's pauses (the sum of -Xlog:gc's) and peak RSS.
#   bash docs/reports/simulate-scaling.sh                  # 1,000 10,000 50,000 100,000 nodes
#   bash docs/reports/simulate-scaling.sh 1000 100000      # the node counts given
#   SIM=/tmp/other.jar bash docs/reports/simulate-scaling.sh   # another build, for a before/after
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
SIM="${SIM:-simulator/target/ipsec-key-agent-simulator.jar}"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "simulate-scaling: needs GNU time at $TIME" >&2; exit 2; }
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1000 10000 50000 100000)

printf '%-62s %8s %8s %12s %12s %12s %13s %5s\n' "JVM flags" nodes "wall s" "simulated s" "user+sys s" "GC pauses s" "peak RSS MiB" exit
# Each configuration: JVM flags, then after "|" the simulator's own (two scenarios at once with --threads 2).
for config in "|" "-XX:+UseSerialGC|" "-XX:+UseParallelGC -Xmx600m|" \
    "-XX:+UseParallelGC -Xmx700m -Xmn400m -XX:MaxTenuringThreshold=0|" "-XX:+UseParallelGC -Xmx700m|--threads 2" \
    "-XX:+UseParallelGC -Xmx4g -Xmn3500m -XX:+AlwaysPreTouch|"; do
  flags="${config%%|*}"
  args="${config#*|}"
  for n in "${COUNTS[@]}"; do
    log=$(mktemp)
    gc=$(mktemp)
    out=$(mktemp)
    set +e
    # shellcheck disable=SC2086 # no flags, or a few words
    "$TIME" -f '%e %U %S %M' -o "$log" "$JAVA" $flags "-Xlog:gc:file=$gc" -jar "$SIM" simulate --nodes "$n" $args > "$out"
    code=$?
    set -e
    read -r wall user sys rss < <(tail -1 "$log")
    simulated=$(sed -n 's/^Simulated in \([0-9.]*\) s of wall time\.$/\1/p' "$out")
    pauses=$(awk '/Pause/ { sub(/ms$/, "", $NF); total += $NF } END { printf "%.1f", total / 1000 }' "$gc")
    rm -f "$log" "$gc" "$out"
    awk -v f="${flags:-(none)}${args:+ $args}" -v n="$n" -v w="$wall" -v m="${simulated:-0}" -v u="$user" -v s="$sys" \
      -v p="$pauses" -v r="$rss" -v c="$code" \
      'BEGIN { printf "%-62s %8d %8.1f %12.1f %12.1f %12.1f %13.0f %5d\n", f, n, w, m, u + s, p, r / 1024, c }'
  done
done
