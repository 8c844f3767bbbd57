#!/usr/bin/env bash
# The API load test of issue 8 (not part of the Maven reactor or CI). From a clean clone:
#
#   bench/api-load/run.sh [--minutes 10] [--clients 4] [--write-pct 25] [--idle 1000] [--warmup 30]
#
# 1. builds the node if needed (./ucsec does) and starts it on free ports in a temp data dir, pinned to CPU 0;
# 2. sets up the SIP peer-auth port for a test client certificate: a test CA (bin/test-ca.sh) in cup-trust, the client's
#    CN as a TLS peer subject selected in Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context, "Cisco SIP Proxy" restarted;
# 3. runs the load client (ApiLoad.java, JDK only) pinned to CPU 1: IDLE idle TLS connections on the SIP port, CLIENTS
#    closed-loop HTTPS keep-alive clients (WRITE_PCT % writes) for WARMUP s + MINUTES min, node CPU and RSS from /proc;
#    at the end it SIGKILLs the node while the clients are still sending;
# 4. restarts the node on the same data dir, reads its state and newest audit lines, stops it cleanly, exports the
#    whole audit_log table from the store (H2 Shell) and checks every acknowledged write and its audit line.
# The node gets the JVM options in $UCSEC_JAVA_OPTS (the launcher passes them), e.g. UCSEC_JAVA_OPTS=-Xmx512m.
# Prints a summary; everything (logs, journal, measurements) stays in the work dir it names. Exit 0 only if no
# acknowledged write was lost.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
minutes=10 clients=4 write_pct=25 idle=1000 warmup=30
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) minutes=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --write-pct) write_pct=$2; shift 2 ;;
    --idle) idle=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for t in taskset openssl getconf; do command -v $t >/dev/null || { echo "run.sh: $t is needed" >&2; exit 1; }; done
[ "$(nproc)" -ge 2 ] || { echo "run.sh: needs 2 CPUs (node on CPU 0, client on CPU 1)" >&2; exit 1; }
. "$root/bin/jdk.sh"
ucsec_pick_jdk
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge $((idle * 2 + 512)) ] || { echo "run.sh: ulimit -n is $(ulimit -n), need $((idle * 2 + 512))" >&2; exit 1; }

work=$(mktemp -d /tmp/ucsec-api-load.XXXXXX)
data=$work/data
echo "run.sh: work dir $work (JDK $JAVA_HOME, ulimit -n $(ulimit -n))"
node_pid=
cleanup() { if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

(cd "$root" && ./ucsec --version >/dev/null) # builds if needed, outside the measurement

start_node() { # $1 = log file; sets node_pid, sip_port, up_seconds
  local log=$1 t0 i
  t0=$(date +%s.%N)
  (cd "$root" && exec taskset -c 0 ./ucsec serve --data "$data" --port 0 --sip-tls-port 0 --provisioning-port -1) > "$log" 2>&1 &
  node_pid=$!
  for i in $(seq 1 1200); do
    grep -q ' is up' "$log" && break
    kill -0 "$node_pid" 2>/dev/null || { cat "$log" >&2; echo "run.sh: the node exited" >&2; exit 1; }
    sleep 0.5
  done
  grep -q ' is up' "$log" || { tail -20 "$log" >&2; echo "run.sh: the node did not come up in 10 min" >&2; exit 1; }
  up_seconds=$(echo "$(date +%s.%N) - $t0" | bc)
  sip_port=$(sed -n 's/^ *SIP TLS: *[0-9.]*:\([0-9]*\).*/\1/p' "$log" | head -1)
  [ "$(cat /proc/$node_pid/comm)" = java ] || { echo "run.sh: pid $node_pid is $(cat /proc/$node_pid/comm), not the node's JVM" >&2; exit 1; }
}
cli() { (cd "$root" && taskset -c 1 ./ucsec "$@" --data "$data") >> "$work/setup.log" 2>&1 || { tail -20 "$work/setup.log" >&2; echo "run.sh: ucsec $* failed" >&2; exit 1; }; }

start_node "$work/node1.log"
echo "run.sh: node up (pid $node_pid, pinned to CPU 0, SIP TLS port $sip_port) after ${up_seconds}s"

# --- the SIP port's client certificate
cn=load-client.example.com
"$root/bin/test-ca.sh" init "$work/ca" >> "$work/setup.log" 2>&1
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/client.key" -subj "/CN=$cn" -out "$work/client.csr" 2>>"$work/setup.log"
"$root/bin/test-ca.sh" sign "$work/ca" "$work/client.csr" "$work/client.pem" --client >> "$work/setup.log" 2>&1
openssl pkcs12 -export -in "$work/client.pem" -inkey "$work/client.key" -name client -passout pass:changeit -out "$work/client.p12"
cli set cert import trust cup-trust "$work/ca/ca-chain.pem" --description "api-load test CA"
cli set tls peer-subject add "$cn" --description "api-load idle client"
cli set tls context Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context --peer-subjects "$cn"
cli utils service restart "Cisco SIP Proxy"
echo "run.sh: SIP peer-auth port accepts CN=$cn (test CA in cup-trust)"

# --- load, then SIGKILL (done by the client, while its API clients are still sending)
seconds=$((minutes * 60))
taskset -c 1 java -XX:+UseParallelGC -Xmx1g "$here/ApiLoad.java" load --data "$data" --node-pid "$node_pid" --sip-port "$sip_port" \
  --client-p12 "$work/client.p12" --seconds "$seconds" --warmup "$warmup" --clients "$clients" --write-pct "$write_pct" \
  --idle "$idle" --clk-tck "$(getconf CLK_TCK)" --out "$work" 2>&1 | tee "$work/load.log"
wait "$node_pid" 2>/dev/null && rc=0 || rc=$?
echo "run.sh: node exited with status $rc ($( [ $rc = 137 ] && echo SIGKILL || echo 'not SIGKILL' ))"
store_killed=$(du -b "$data/store/ucsec.mv.db" | cut -f1)

# --- restart on the same data, read it back, stop cleanly, export the audit table, check
start_node "$work/node2.log"
restart_seconds=$up_seconds
echo "run.sh: node restarted after the kill in ${restart_seconds}s (store file was $store_killed bytes)"
taskset -c 1 java "$here/ApiLoad.java" snapshot --data "$data" --out "$work"
kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=
store_stopped=$(du -b "$data/store/ucsec.mv.db" | cut -f1)
h2=$(ls "$root"/ucsec-node/target/lib/h2-*.jar | head -1)
java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$data/store/ucsec" -user ucsec -password "" \
  -sql "CALL CSVWRITE('$work/audit.csv', 'SELECT ACTION, TARGET, DETAIL FROM AUDIT_LOG ORDER BY ID')" > "$work/h2.log" 2>&1
taskset -c 1 java "$here/ApiLoad.java" verify --out "$work" --audit-csv "$work/audit.csv" 2>&1 | tee "$work/verify.log" || true
lost=$(sed -n 's/^lost=//p' "$work/verify.properties")

{
  echo "== API load (issue 8): $(date -u +%FT%TZ), $(nproc) CPUs ($(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1)), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); node on CPU 0, client on CPU 1; clients=$clients write-pct=$write_pct idle=$idle warmup=${warmup}s minutes=$minutes"
  grep -E '^(window.seconds|rate\.|latency\.(all|reads|writes)|node\.|idle\.|writes\.|errors\.by|per\.minute|kind\.[A-Z_]+\.(count|p99))' "$work/load.properties" | sort
  echo "node.log.warn.error.lines=$(grep -E '^[0-9:.]+ +(WARN|ERROR) ' "$work/node1.log" | grep -vc 'Weak cipher suite' || true) (node1.log: the node's WARN/ERROR lines besides Jetty's weak-suite notes)"
  echo "restart.after.kill.seconds=$restart_seconds"
  echo "store.bytes.after.kill=$store_killed"
  echo "store.bytes.after.clean.stop=$store_stopped"
  grep -vE '^#' "$work/verify.properties" | sort
} > "$work/summary.txt"
echo; cat "$work/summary.txt"
echo "run.sh: details in $work (summary.txt, load.properties, journal.tsv, lost.txt, node1.log, node2.log)"
[ "$lost" = 0 ]
