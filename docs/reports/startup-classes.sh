#!/usr/bin/env bash
# Where a start-up's classes come from, from a JVM's -Xlog:class+load file: the AOT cache, or defined
# at run time (generated then, mostly by interpreted code: what an AOT cache of JDK 25 does not hold),
# by kind, each kind with its most frequent names (a lambda's or a switch's own class; a proxy's or a
# method-handle form's generated name, which names no caller). With UNTIL_MS, only the classes
# loaded in the JVM's first UNTIL_MS milliseconds (up to "agent ready", say).
#   bash docs/reports/startup-classes.sh LOG [UNTIL_MS]
set -euo pipefail
log=$1 until_ms=${2:-}
awk -v until_ms="$until_ms" '
  / source: / {
    if (until_ms != "") { uptime = substr($1, 2); sub(/s\].*/, "", uptime); if (uptime * 1000 > until_ms) next }
    total++
    if ($0 ~ /source: shared objects file/) { cached++; next }
    name = $2
    if (name ~ /\$\$Lambda/) kind = "lambdas (of Serializable types, as vavr'"'"'s functions, or call sites the training did not run)"
    else if (name ~ /\$\$TypeSwitch/) kind = "pattern switches (one class per switch, at its first run)"
    else if ($0 ~ /__dynamic_proxy__/) kind = "proxies (one per annotation type read by reflection)"
    else if (name ~ /LambdaForm\$|BoundMethodHandle\$Species/) kind = "method-handle forms (behind reflective calls, lambdas and pattern switches)"
    else kind = "other classes (not in the cache)"
    count[kind]++
    owner = name
    sub(/\$\$(Lambda|TypeSwitch).*/, "", owner); sub(/\/0x.*/, "", owner); sub(/\$Proxy[0-9]+$/, "$Proxy", owner)
    by[kind SUBSEP owner]++
  }
  END {
    printf "classes loaded: %d, from the AOT cache: %d, defined at run time: %d\n", total, cached, total - cached
    n = 0
    for (k in count) order[++n] = k
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (count[order[j]] > count[order[i]]) { t = order[i]; order[i] = order[j]; order[j] = t }
    for (i = 1; i <= n; i++) {
      k = order[i]; line = ""; m = 0
      for (key in by) { split(key, part, SUBSEP); if (part[1] == k) owners[++m] = part[2] }
      for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (by[k SUBSEP owners[b]] > by[k SUBSEP owners[a]]) { t = owners[a]; owners[a] = owners[b]; owners[b] = t }
      for (a = 1; a <= m && a <= 6; a++) line = line (a > 1 ? ", " : "") owners[a] " " by[k SUBSEP owners[a]]
      printf "  %4d %s: %s%s\n", count[k], k, line, (m > 6 ? ", ..." : "")
      delete owners
    }
  }' "$log"
