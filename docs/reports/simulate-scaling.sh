#!/usr/bin/env bash
# How `simulate` (every default scenario) grows with the fleet: one run per node count, with the
# plain `java -jar` defaults (no heap flag), then with -XX:+UseSerialGC (a one-thread batch whose
# tasks' objects live just long enough to be copied: G1 grows its heap to keep its pause share down),
# then with the parallel collector in a bounded heap (the same copying on both cores; 600m holds
# 100,000 nodes), then the settings docs/reports/fleet-simulation.md gives for 100,000 nodes (a young
# generation that holds a fleet's churn, survivors promoted at once instead of copied up to 15
# times), and last with two scenarios at once (--threads 2) in a heap one fleet larger;
# measured by GNU time. Prints one table: wall time, user+sys CPU seconds (the
# fairer figure on a shared machine) and peak RSS.
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

printf '%-62s %10s %10s %14s %14s %6s\n' "JVM flags" nodes "wall s" "user+sys s" "peak RSS MiB" exit
# Each configuration: JVM flags, then after "|" the simulator's own (two scenarios at once with --threads 2).
for config in "|" "-XX:+UseSerialGC|" "-XX:+UseParallelGC -Xmx600m|" \
    "-XX:+UseParallelGC -Xmx700m -Xmn400m -XX:MaxTenuringThreshold=0|" "-XX:+UseParallelGC -Xmx700m|--threads 2"; do
  flags="${config%%|*}"
  args="${config#*|}"
  for n in "${COUNTS[@]}"; do
    log=$(mktemp)
    set +e
    # shellcheck disable=SC2086 # no flags, or one or two words
    "$TIME" -f '%e %U %S %M' -o "$log" "$JAVA" $flags -jar "$SIM" simulate --nodes "$n" --output json $args > /dev/null
    code=$?
    set -e
    read -r wall user sys rss < <(tail -1 "$log")
    rm -f "$log"
    awk -v f="${flags:-(none)}${args:+ $args}" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v c="$code" \
      'BEGIN { printf "%-62s %10d %10.1f %14.1f %14.0f %6d\n", f, n, w, u + s, r / 1024, c }'
  done
done
