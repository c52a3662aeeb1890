#!/usr/bin/env bash
# The agent's AOT cache (JDK 25, JEP 483/514): one training run of the agent as it starts on a node,
# then the JVM writes the classes it loaded and linked, and their profiles, to OUTPUT at exit. Then a
# second cache, OUTPUT with -check-keys.aot for .aot, from one check-keys run, for deploy/check-keys: a
# JVM takes one cache, and the agent's loads some 6,000 classes at start that check-keys never uses.
# Used by the jar's build (bootstrap/pom.xml, JDK >= 25) and by deploy/Dockerfile, so both train alike.
#   deploy/aot-training.sh JAVA JAR OUTPUT MANIFEST [STAND_INS_CLASSPATH]
# MANIFEST is deploy/daemonset.yaml: the training uses its JVM flags (the lines between `- java` and
# `- -jar`, but its -XX:AOTCache), since a JVM started with flags incompatible with the training's
# ignores the cache.
# The run: a one-line key file, an API server, a key change once ready, then SIGTERM (a normal stop).
# With STAND_INS_CLASSPATH (the stand-ins module and its dependencies, or the simulator jar, which
# holds them) the API server is the stand-in, serving this node and ten others: the agent lists,
# watches, looks its node up and patches it, and the cache holds those classes too. Without it the API server does not answer: the agent waits for
# its list, starts anyway and retries its watch.
set -euo pipefail
java=$1 jar=$2 output=$3 manifest=$4 stand_ins=${5:-}
mapfile -t flags < <(awk '/^ *- java$/ {on=1; next} /^ *- -jar$/ {on=0} on {sub(/#.*/, ""); sub(/^ *- */, ""); sub(/ *$/, ""); print}' "$manifest" | grep -v '^-XX:AOTCache=')
[ ${#flags[@]} -gt 0 ] || { echo "aot-training: no JVM flags found in $manifest" >&2; exit 1; }
work=$(mktemp -d)
server=
trap '[ -z "$server" ] || kill "$server" 2> /dev/null || true; rm -rf "$work"' EXIT
published='Updated CiliumNode resource'
if [ -n "$stand_ins" ]; then
  "$java" -Xmx128m -cp "$stand_ins" io.ipseckeyagent.standins.MockApiServer "$work" aot-training 10 > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do
    [ -e "$work/ready" ] && break
    kill -0 "$server" 2> /dev/null || break
    sleep 0.1
  done
  [ -e "$work/ready" ] || { cat "$work/server.log" >&2; echo "aot-training: the stand-in API server did not start" >&2; exit 1; }
else
  printf 'apiVersion: v1\nkind: Config\nclusters:\n- name: none\n  cluster:\n    server: https://127.0.0.1:1\ncontexts:\n- name: none\n  context:\n    cluster: none\n    user: none\ncurrent-context: none\nusers:\n- name: none\n  user:\n    token: none\n' > "$work/kubeconfig"
  published='spi=4'
fi
key() { printf '%d+ rfc4106(gcm(aes)) %040x 128\n' "$1" "$1"; }
key 3 > "$work/keys"
rm -f "$output"
"$java" -XX:AOTCacheOutput="$output" "${flags[@]}" -jar "$jar" run --node-name=aot-training \
  --kubeconfig="$work/kubeconfig" --ipsec-key-file="$work/keys" --state-file="$work/state/state.json" \
  --prometheus-serve-addr=127.0.0.1:0 --key-file-poll-interval=1s > "$work/out.log" 2> "$work/err.log" &
agent=$!
for _ in $(seq 600); do
  grep -q 'agent ready' "$work/err.log" && break
  kill -0 "$agent" 2> /dev/null || break
  sleep 0.1
done
if ! grep -q 'agent ready' "$work/err.log"; then
  kill -TERM "$agent" 2> /dev/null || true
  cat "$work/err.log" "$work/out.log" >&2
  echo "aot-training: the agent did not get ready" >&2
  exit 1
fi
{ key 3; key 4; } > "$work/keys.new" && mv "$work/keys.new" "$work/keys"
# applied (and, with the stand-in, published after this node's jitter: at most 11 nodes / 20 writes/s)
for _ in $(seq 100); do grep -q "$published" "$work/err.log" && break; sleep 0.1; done
kill -TERM "$agent"
wait "$agent" || true
if [ ! -s "$output" ]; then
  cat "$work/out.log" >&2
  echo "aot-training: no AOT cache written to $output" >&2
  exit 1
fi
echo "aot-training: wrote $output ($(du -m "$output" | cut -f1) MiB)"
# check-keys: the flags deploy/check-keys starts it with, on a valid two-key file
check_keys_output=${output%.aot}-check-keys.aot
rm -f "$check_keys_output"
{ key 3; key 4; } > "$work/keys"
"$java" -XX:AOTCacheOutput="$check_keys_output" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" check-keys "$work/keys" > "$work/out.log" 2>&1 \
  || { cat "$work/out.log" >&2; echo "aot-training: check-keys failed" >&2; exit 1; }
[ -s "$check_keys_output" ] || { echo "aot-training: no AOT cache written to $check_keys_output" >&2; exit 1; }
echo "aot-training: wrote $check_keys_output ($(du -m "$check_keys_output" | cut -f1) MiB)"
