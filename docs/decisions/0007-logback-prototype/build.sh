#!/bin/bash
# Builds the ADR 0007 prototype: the agent jar with Logback 1.6.6 in place of the own SLF4J provider.
# usage: docs/decisions/0007-logback-prototype/build.sh AGENT_JAR OUT_JAR   (JAVA_HOME: a JDK >= 21)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); agent=$(realpath "$1"); out=$(realpath -m "$2")
m2=~/.m2/repository/ch/qos/logback; classic=$m2/logback-classic/1.6.6/logback-classic-1.6.6.jar; core=$m2/logback-core/1.6.6/logback-core-1.6.6.jar
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/javac" --release 21 -d "$work/classes" -cp "$agent:$classic:$core" $(find "$here/src" -name '*.java')
mkdir -p "$work/classes/META-INF/services"
echo io.ipseckeyagent.adapters.observability.LogbackSetup > "$work/classes/META-INF/services/ch.qos.logback.classic.spi.Configurator"
(cd "$work/classes" && unzip -qo "$classic" -x 'META-INF/MANIFEST.MF' 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/versions/*' 'module-info.class' \
  && unzip -qo "$core" -x 'META-INF/MANIFEST.MF' 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/versions/*' 'module-info.class')
cp "$agent" "$out"
zip -qd "$out" META-INF/services/org.slf4j.spi.SLF4JServiceProvider
(cd "$work/classes" && zip -qr "$out" .)
ls -l "$out"
