# Sourced by ./ucsec and ./run-tests: picks a JDK 21+ and exports JAVA_HOME.
# Order: $JAVA_HOME if it is 21+, then every JDK under /usr/lib/jvm (newest first).
ucsec_jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }
ucsec_pick_jdk() {
  local cand v
  for cand in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    cand="${cand%/}"
    [ -n "$cand" ] && [ -x "$cand/bin/javac" ] || continue
    v=$(ucsec_jdk_major "$cand")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then export JAVA_HOME="$cand"; export PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
  done
  echo "ucsec: no JDK 21+ found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
  return 1
}
