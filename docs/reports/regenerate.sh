#!/usr/bin/env bash
# Reruns every command whose figures docs/reports/ quotes and writes their output, verbatim, to
# docs/reports/generated/<name>.txt, each headed by the command, the machine and the time.
# The reports quote these files; a figure no file here prints does not belong in docs/.
#   bash docs/reports/regenerate.sh            # everything (about 5 to 10 min on 2 cores)
#   bash docs/reports/regenerate.sh simulate   # only the named sections
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=docs/reports/generated
mkdir -p "$OUT"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
SIM="simulator/target/ipsec-key-agent-simulator.jar"
AGENT="bootstrap/target/ipsec-key-agent.jar"

machine() {
  echo "# measured: $(date -u +%Y-%m-%dT%H:%MZ) on $(uname -sm), $(nproc) cores," \
       "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
       "load average $(cut -d' ' -f1-3 /proc/loadavg) (shared machine: other builds may run)," \
       "$("$JAVA" -version 2>&1 | head -1)"
}

# record NAME COMMAND...: runs the command, keeps its stdout and wall time.
record() {
  local name=$1; shift
  local file="$OUT/$name.txt" start end
  start=$(date +%s%N)
  { echo "# command: $*"; machine; "$@"; } > "$file.tmp" 2>&1
  end=$(date +%s%N)
  echo "# wall time: $(( (end - start) / 1000000 )) ms" >> "$file.tmp"
  mv "$file.tmp" "$file"
  echo "wrote $file"
}

SECTIONS=("$@")
want() { [ ${#SECTIONS[@]} -eq 0 ] || [[ " ${SECTIONS[*]} " == *" $1 "* ]]; }

./mvnw -B -q -o package -DskipTests

if want simulate; then
  for n in 5000 10000 100000; do
    record "simulate-$n" "$JAVA" -jar "$SIM" simulate --nodes "$n"
  done
  record simulate-5000-json "$JAVA" -jar "$SIM" simulate --output json
  # wall, CPU and peak RSS from 1,000 to 100,000 nodes, every scenario, plain java -jar
  record simulate-scaling bash docs/reports/simulate-scaling.sh 1000 10000 50000 100000
fi

if want check-keys; then
  printf '3+ rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128\n' > /tmp/regenerate-one.keys
  check_keys_median() {
    for _ in $(seq 11); do
      s=$(date +%s%N); "$JAVA" -jar "$AGENT" check-keys /tmp/regenerate-one.keys > /dev/null
      e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
    done | sort -n | sed -n 6p | sed 's/$/ ms (median of 11 check-keys runs)/'
  }
  record check-keys-startup check_keys_median
fi

if want run; then
  # process start to "agent ready", RSS after five rotations, SIGTERM to exit (the DaemonSet's JVM flags)
  record run-process ./mvnw -B -q -o -pl bootstrap -am verify -DskipTests -Pmeasure-run
fi

if want demo; then
  record demo "$JAVA" -jar "$SIM" demo --quick
fi
