#!/usr/bin/env bash
# Reruns every command whose figures docs/ quotes and writes their output, verbatim, to
# docs/reports/generated/<name>.txt, each headed by the command, the machine and the time. A command
# given --out-dir "$OUT" also writes its charts there: <name>.png and <name>-<run>.csv (the command
# names them after the nodes, so <name> must be simulate-N, demo-N or demo-relay-N; record checks the PNG is there).
# The docs quote and embed these files; a figure no file here prints does not belong in docs/.
# GeneratedFiguresTest (architecture-tests) fails when a page links a file this script does not write:
# name each output with `record NAME ...`, literally or from a `for VAR in ...; do` loop variable.
#   bash docs/reports/regenerate.sh            # everything (the 100,000-node runs take longest; each file records its wall time)
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
  if [[ " $* " == *" --out-dir "* ]]; then
    [ -f "$OUT/$name.png" ] || { echo "$* wrote no $OUT/$name.png: name the record after what it writes" >&2; exit 1; }
    echo "wrote $OUT/$name.png and $(ls "$OUT/$name"-*.csv | wc -l) CSV files"
  fi
}

SECTIONS=("$@")
want() { [ ${#SECTIONS[@]} -eq 0 ] || [[ " ${SECTIONS[*]} " == *" $1 "* ]]; }

# The agent's AOT caches (a minute of training in the build) are measured by check-keys alone here: the
# run profile's own build trains them again, and the other sections do not use them.
if want check-keys; then
  ./mvnw -B -q -o package -DskipTests
else
  ./mvnw -B -q -o package -DskipTests -Daot.skip
fi

# The JVM settings fleet-simulation.md gives for 100,000 nodes: a young generation that holds a
# fleet's churn, survivors promoted at once (simulate-scaling.sh measures them beside the others).
BIG_FLEET_JVM=(-XX:+UseParallelGC -Xmx700m -Xmn400m -XX:MaxTenuringThreshold=0)

if want simulate; then
  for n in 1000 5000 10000; do
    record "simulate-$n" "$JAVA" -jar "$SIM" simulate --nodes "$n" --out-dir "$OUT"
  done
  record simulate-100000 "$JAVA" "${BIG_FLEET_JVM[@]}" -jar "$SIM" simulate --nodes 100000 --out-dir "$OUT"
  record simulate-5000-json "$JAVA" -jar "$SIM" simulate --output json
  # wall, CPU, collector pauses and peak RSS from 1,000 to 100,000 nodes, every scenario, under each JVM setting measured
  record simulate-scaling bash docs/reports/simulate-scaling.sh 1000 10000 50000 100000
  record simulate-10-auto "$JAVA" -jar "$SIM" simulate --nodes 10 --scenarios auto
  record simulate-100-auto "$JAVA" -jar "$SIM" simulate --nodes 100 --scenarios auto
  record simulate-uniform-auto "$JAVA" -jar "$SIM" simulate --scenarios uniform,auto
  record simulate-skew-1m "$JAVA" -jar "$SIM" simulate --detection-skew 1m
  record simulate-skew-0 "$JAVA" -jar "$SIM" simulate --nodes 10000 --detection-skew 0s --scenarios uniform,node-hash,rank
  record simulate-100000-rate-1000 "$JAVA" "${BIG_FLEET_JVM[@]}" -jar "$SIM" simulate --nodes 100000 --target-rate 1000 \
    --scenarios auto,uniform,cilium,disabled --observers 2
  record advise-5000 "$JAVA" -jar "$SIM" advise --nodes 5000 --api-writes-per-second 1000 --rotation-duration 5m
fi

if want latency; then
  # key file change to the use case: file events and content poll only (200 kubelet swaps each)
  record detection-latency ./mvnw -B -q -o -pl adapters-fs -am verify -DskipTests -Pdetection-latency
fi

if want publish; then
  # one publish (a JSON merge patch) to the mock API server on loopback, and HTTP requests per publish
  record publish-latency ./mvnw -B -q -o -pl adapters-k8s -am verify -DskipTests -Pfigures
fi

if want jars; then
  record jar-sizes ls -l "$AGENT" "$SIM"
fi

if want check-keys; then
  printf '3+ rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128\n' > /tmp/regenerate-one.keys
  # check-keys as deploy/check-keys starts it (the image's /app/check-keys: the check-keys AOT cache the jar's
  # build made, where the JDK has one) against `java -version`, run alternately so both see the same load.
  check_keys_vs_java_version() {
    local v=() c=() s e
    for _ in $(seq 11); do
      s=$(date +%s%N); "$JAVA" -version > /dev/null 2>&1; e=$(date +%s%N); v+=($(( (e - s) / 1000000 )))
      s=$(date +%s%N); IPSEC_KEY_AGENT_JAR="$AGENT" deploy/check-keys /tmp/regenerate-one.keys > /dev/null
      e=$(date +%s%N); c+=($(( (e - s) / 1000000 )))
    done
    local mv mc
    mv=$(printf '%s\n' "${v[@]}" | sort -n | sed -n 6p)
    mc=$(printf '%s\n' "${c[@]}" | sort -n | sed -n 6p)
    echo "check-keys: deploy/check-keys, its cache $(ls "${AGENT%.jar}-check-keys.aot" 2> /dev/null || echo none)"
    echo "java -version: median $mv ms of 11 (${v[*]})"
    echo "check-keys on a one-line file: median $mc ms of 11 (${c[*]})"
    awk -v c="$mc" -v v="$mv" 'BEGIN { printf "ratio check-keys / java -version: %.2f (target: at most 2.5)\n", c / v }'
  }
  record check-keys-startup check_keys_vs_java_version
  # what check-keys' start still spends on: the classes its JVM defines at run time, outside its cache
  check_keys_classes() {
    local log=/tmp/regenerate-check-keys-classes.log
    JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$log" IPSEC_KEY_AGENT_JAR="$AGENT" deploy/check-keys /tmp/regenerate-one.keys \
      > /dev/null 2>&1
    bash docs/reports/startup-classes.sh "$log"
  }
  record check-keys-classes check_keys_classes
fi

if want run; then
  # process start to "agent ready", RSS after five rotations, SIGTERM to exit (the DaemonSet's JVM flags and
  # the AOT cache the jar's build made); then the agent's RSS with 10, 1,000, 10,000 and 50,000 other
  # CiliumNodes in the stand-in API server (the agent child process's RSS, not the server's; the nodes
  # are seeded straight into the server's store, seedMillis)
  record run-process ./mvnw -B -q -o -pl bootstrap -am verify -DskipTests -Pmeasure-run
  # the same without giving freed native memory back (a later flag wins over the manifest's)
  record run-process-no-trim ./mvnw -B -q -o -pl bootstrap -am verify -DskipTests -Pmeasure-run \
    -Dmeasure.extraJvmFlags=-XX:TrimNativeHeapInterval=0
  # the same start with its class loading logged: the classes defined at run time up to "agent ready"
  run_classes() {
    local log=/tmp/regenerate-run-classes.log line
    line=$(./mvnw -B -q -o -pl bootstrap -am verify -DskipTests -Pmeasure-run -Dmeasure.rotations=1 \
      "-Dmeasure.extraJvmFlags=-Xlog:class+load:file=$log" | grep '"agentStartupMillis"')
    echo "$line"
    bash docs/reports/startup-classes.sh "$log" "$(sed -E 's/.*"agentStartupMillis":([0-9]+).*/\1/' <<< "$line")"
  }
  record run-classes run_classes
  for n in 10 1000 10000 50000; do
    record "run-process-$n-nodes" ./mvnw -B -q -o -pl bootstrap -am verify -DskipTests -Pmeasure-run \
      -Dmeasure.otherNodes="$n"
  done
fi

if want jmh; then
  # the hot paths (a rotation through the service on virtual time, the key-file parser, the observer's
  # handling of one watch event): five warm-up seconds and five measured ones each (two and three left error bars larger than the
  # figures), for comparing changes on one machine at one time, not a precise figure
  record jmh ./mvnw -B -q -o -pl benchmarks -am verify -DskipTests -Pbenchmarks -Djmh.args="-f 1 -wi 5 -i 5 -w 1s -r 1s"
fi

if want demo; then
  record demo-30 "$JAVA" -jar "$SIM" demo --nodes 30 --out-dir "$OUT"
  record demo-relay-30 "$JAVA" -jar "$SIM" demo --mode relay --nodes 30 --out-dir "$OUT"
fi
