#!/usr/bin/env bash
# bench/reg-storm (issue 10 item 5): N SIP devices register over TLS, each with its own credentials: (a) one full TLS
# handshake per registration, (b) re-registrations on persistent connections (N connections open at once). Kamailio
# 5.6 (Debian: tls.so, auth + auth_db over db_text with N subscribers, usrloc in memory, registrar; digest over TLS)
# and ucsec's SIP OAuth edge (port 5090 listener, Authorization: Bearer, RFC 8898) side by side in one run.
# Not part of the Maven reactor. Needs kamailio + kamailio-tls-modules, gcc, libssl-dev, openssl, python3 (and a JDK
# 21+ for ucsec).
#
#   bench/reg-storm/run.sh [DEVICES] [SECONDS_PER_RUN] [REPEATS]     (defaults 10000, 10, 3; work files in target/)
#
# Environment:
#   TARGETS="kamailio ucsec"   servers to measure (ucsec: see ucsec.sh)
#   EXTERNAL="name:port:pid:auth:csv ..."  also measure an already-running SIP-over-TLS registrar (auth bearer|digest,
#                              csv = its devices file in sipp -inf form "user;secret"; pid 0 = CPU unknown)
#   MODES="handshake persistent"   CONC=256 (registrations in flight)   TLS=1.2|1.3
#   KAM_CHILDREN=2 (Kamailio tcp_children)   KAM_RESTARTS=3 (restarts after a crash)   KAM_MEMMGR= (kamailio -x: qm|fm|tlsf)   NONCE_REUSE=1 (digest re-registrations answer the last nonce, nc+1)
#   SERVER_CPU=0 CLIENT_CPU=1  LOGLEVEL=-1 (Kamailio debug=, -1 = errors)  WARMUP=10 (s of handshakes per server first: JIT)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DEVICES=${1:-10000}; SECS=${2:-10}; REPS=${3:-3}
TARGETS=${TARGETS:-kamailio ucsec}; EXTERNAL=${EXTERNAL:-}
MODES=${MODES:-handshake persistent}; CONC=${CONC:-256}; TLS=${TLS:-1.2}
KAM_CHILDREN=${KAM_CHILDREN:-2}; NONCE_REUSE=${NONCE_REUSE:-1}; LOGLEVEL=${LOGLEVEL:--1}
SCPU=${SERVER_CPU:-0}; CCPU=${CLIENT_CPU:-1}
DOMAIN=bench.example.com
OUT="$HERE/target"; PKI="$OUT/pki"; DEV="$OUT/devices-$DEVICES"
mkdir -p "$OUT" "$PKI" "$DEV"
ulimit -n "$(ulimit -Hn)"   # DEVICES connections on each side
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
KAM_PORT=15061; UCSEC_PORT=15090
HZ=$(getconf CLK_TCK)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

gcc -O2 -Wall -o "$OUT/regstorm" "$HERE/regstorm.c" -lssl -lcrypto

# ---------------------------------------------------------------------------------------------------- PKI, devices
if [ ! -f "$PKI/server.pem" ]; then
  ( cd "$PKI"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server-ca.key -out server-ca.pem -days 30 \
      -subj "/O=ucsec bench/CN=Bench server CA" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key.tmp -out server.csr -subj "/O=ucsec bench/CN=sip.example.com" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in server.key.tmp -out server.key; rm server.key.tmp
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:sip.example.com,IP:127.0.0.1\n' > server.ext
    openssl x509 -req -in server.csr -CA server-ca.pem -CAkey server-ca.key -CAcreateserial -days 30 -sha256 -extfile server.ext -out server.pem 2>/dev/null )
fi
if [ ! -f "$DEV/digest.csv" ]; then
  # Kamailio's db_text subscriber table (HA1 stored, RFC 2617) and the devices' passwords in sipp -inf form
  mkdir -p "$DEV/db"
  python3 - "$DEV" "$DEVICES" "$DOMAIN" <<'EOF'
import hashlib, secrets, sys
out, n, realm = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(f'{out}/db/subscriber', 'w') as f, open(f'{out}/digest.csv', 'w') as d:
    f.write('id(int,auto) username(string) domain(string) password(string) ha1(string) ha1b(string)\n')
    d.write('SEQUENTIAL\n')
    for i in range(n):
        u, p = f'dev{i:05d}', secrets.token_urlsafe(12)
        ha1 = hashlib.md5(f'{u}:{realm}:{p}'.encode()).hexdigest()
        ha1b = hashlib.md5(f'{u}@{realm}:{realm}:{p}'.encode()).hexdigest()
        f.write(f'{i + 1}:{u}:{realm}:-:{ha1}:{ha1b}\n')
        d.write(f'{u};{p}\n')
open(f'{out}/db/version', 'w').write('id(int,auto) table_name(string) table_version(int)\n1:subscriber:7\n')
EOF
  log "$DEVICES devices: db_text subscribers and digest.csv"
fi

# ---------------------------------------------------------------------------------------------------- helpers
tree_ticks() { # utime+stime of a process and its children (Kamailio forks its workers)
  [ "$1" = 0 ] && { echo 0; return; }
  local s=0 p
  for p in $1 $(cat /proc/$1/task/*/children 2>/dev/null); do
    [ -r /proc/$p/stat ] && s=$((s + $(awk '{print $14+$15}' /proc/$p/stat)))
  done
  echo $s
}
port_free() { ! (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null || { echo "port $1 is in use (an earlier run still up?)"; exit 1; }; }
wait_port() { for _ in $(seq 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; return 1; }

start_kamailio() {
  port_free $KAM_PORT
  local d="$OUT/kamailio"; mkdir -p "$d"; rm -rf "$d/db"; cp -r "$DEV/db" "$d/db"
  [ -f "$d/kamailio.log" ] && mv "$d/kamailio.log" "$d/kamailio-$(date +%H%M%S).log"
  sed -e "s#@DIR@#$d#g; s#@PORT@#$KAM_PORT#; s#@DOMAIN@#$DOMAIN#; s#@CHILDREN@#$KAM_CHILDREN#g; s#@MAXCONN@#$((DEVICES + 4000))#g" \
      -e "s#@MAXFILES@#$(ulimit -n)#; s#@SECRET@#$(openssl rand -hex 16)#; s#@NONCE_COUNT@#1#; s#@SUBSCRIBERS@#$DEVICES#; s#@LOGLEVEL@#$LOGLEVEL#" \
      "$HERE/kamailio.cfg.in" > "$d/kamailio.cfg"
  sed -e "s#@KEY@#$PKI/server.key#; s#@CHAIN@#$PKI/server.pem#" "$HERE/tls.cfg.in" > "$d/tls.cfg"
  kamailio -c -f "$d/kamailio.cfg" > "$d/check.log" 2>&1 || { cat "$d/check.log"; exit 1; }
  ulimit -c 0   # a crash is logged; its core would be the size of the shared memory (1.5 GB)
  # shared memory: each TLS connection holds OpenSSL state in Kamailio's shm
  taskset -c "$SCPU" kamailio -f "$d/kamailio.cfg" -DD -E -m $((512 + DEVICES / 10)) -M 32 ${KAM_MEMMGR:+-x $KAM_MEMMGR} > "$d/kamailio.log" 2>&1 &
  KAM_PID=$!; PIDS+=("$KAM_PID")
  wait_port $KAM_PORT || { echo "kamailio did not start"; cat "$d/kamailio.log"; exit 1; }
  sleep 1
}

# ucsec: a node from this tree (./ucsec serve) with SIP OAuth mode on, its 5090 listener on UCSEC_PORT and one access
# token per device in $UCSEC_CSV (see ucsec.sh: it follows the sipoauth branch's CLI).
start_ucsec() { . "$HERE/ucsec.sh"; ucsec_start; }

alive() { [ "$1" = 0 ] || kill -0 "$1" 2>/dev/null; }
# wait until a server is idle (under 5 % of a core for 1 s, at most 60 s): a run's 10,000 closing connections are
# not charged to the next run
settle() {
  [ "$1" = 0 ] && { sleep 2; return; }
  local a b i
  for i in $(seq 60); do
    a=$(tree_ticks "$1"); sleep 1; b=$(tree_ticks "$1")
    [ $(( (b - a) * 100 / HZ )) -lt 5 ] && return 0
  done
  log "server $1 still busy after 60 s"
}

run() { # name pid port auth csv mode rep
  local name=$1 pid=$2 port=$3 auth=$4 csv=$5 mode=$6 rep=$7
  local args=(-p "$port" -f "$csv" -a "$auth" -m "$mode" -c "$CONC" -t "$SECS" -V "$TLS" -D "$DOMAIN" -N "$NONCE_REUSE")
  local before after res line
  settle "$pid"
  before=$(tree_ticks "$pid")
  # persistent prints two phases (initial, reregister): CPU is read between them from the client's stderr marker
  res=$(taskset -c "$CCPU" "$OUT/regstorm" "${args[@]}" 2> "$OUT/client-$name-$mode-$rep.err" | while IFS= read -r line; do
          echo "$line $(alive "$pid" && echo 1 || echo 0) $(tree_ticks "$pid")"; done)
  while IFS= read -r line; do
    case $line in phase=*) ;; *) continue;; esac   # no result line: the client was cut off
    after=${line##* }; line=${line% *}; local up=${line##* }; line=${line% *}   # CPU and liveness when the phase ended
    local phase=$(sed 's/^phase=\([a-z]*\).*/\1/' <<<"$line") ok=$(sed 's/.*ok=\([0-9]*\).*/\1/' <<<"$line")
    local secs=$(sed 's/.*secs=\([0-9.]*\).*/\1/' <<<"$line") ccpu=$(sed 's/.*client_cpu_s=\([0-9.]*\).*/\1/' <<<"$line")
    local cpu_ms=$(awk -v a="$after" -v b="$before" -v hz="$HZ" -v n="$ok" 'BEGIN { printf "%.4f", (n ? (a-b)*1000/hz/n : 0) }')
    local util=$(awk -v a="$after" -v b="$before" -v hz="$HZ" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? (a-b)*100/hz/s : 0) }')
    local cutil=$(awk -v c="$ccpu" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? c*100/s : 0) }')
    [ "$pid" = 0 ] && cpu_ms=NA util=NA
    [ "$up" = 1 ] || { cpu_ms=NA; util=NA; line="$line crashed=1"; }   # gone before the phase ended: its CPU time went with it
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$auth" "$phase" "$rep" "$cpu_ms" "$util" "$cutil" "$line" >> "$OUT/runs.tsv"
    log "$name $auth $phase #$rep: $line server_cpu_ms/reg=$cpu_ms server_cpu=$util% client_cpu=$cutil%"
    before=$after
  done <<<"$res"
  if ! alive "$pid"; then
    local sustained=$(grep -o 'phase=[a-z]* ok=[0-9]* fail=[0-9]*' <<<"$res" | tr '\n' ' ')
    log "$name (pid $pid) is gone during $mode #$rep ($sustained)"
    { echo "$name: process $pid exited during the $mode run #$rep at $(date -u +%H:%M:%S) UTC; that run's client saw: ${sustained:-nothing (no line)}"
      [ "$name" = kamailio ] && grep -E 'signal|BUG|ALERT' "$OUT/kamailio/kamailio.log" | grep -v 'freeing already freed' | head -4 | sed 's/^/    /'
      [ "$name" = kamailio ] && echo "    ($(grep -c 'freeing already freed' "$OUT/kamailio/kamailio.log") 'qm_free(): BUG: freeing already freed pointer ... tls: tls_init.c' lines before it)"
    } >> "$OUT/crashes.txt"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------- servers
: > "$OUT/runs.tsv"; : > "$OUT/crashes.txt"
declare -A PID PORT AUTH CSV RESTARTS
NAMES=()
for t in $TARGETS; do
  case $t in
    kamailio) start_kamailio; PID[kamailio]=$KAM_PID; PORT[kamailio]=$KAM_PORT; AUTH[kamailio]=digest; CSV[kamailio]=$DEV/digest.csv
              log "kamailio $(kamailio -v | sed -n 's/^version: kamailio \([^ ]*\).*/\1/p') up, pid $KAM_PID ($(cat /proc/$KAM_PID/task/*/children | wc -w) children)" ;;
    ucsec) start_ucsec; PID[ucsec]=$UCSEC_PID; PORT[ucsec]=$UCSEC_PORT; AUTH[ucsec]=bearer; CSV[ucsec]=$UCSEC_CSV; log "ucsec up, pid $UCSEC_PID" ;;
    *) echo "unknown target $t"; exit 2 ;;
  esac
  NAMES+=("$t")
done
for e in $EXTERNAL; do IFS=: read -r n p i a c <<<"$e"; PID[$n]=$i; PORT[$n]=$p; AUTH[$n]=$a; CSV[$n]=$c; NAMES+=("$n"); done
SERVERS=(); for n in "${NAMES[@]}"; do SERVERS+=("$n:${PORT[$n]}:${PID[$n]}:${AUTH[$n]}:${CSV[$n]}"); done

# correctness before load: the right credentials register (200), wrong ones are refused (401/403)
: > "$OUT/checks.txt"
for s in "${SERVERS[@]}"; do
  IFS=: read -r name port pid auth csv <<<"$s"
  sed -n '2,3p' "$csv" > "$OUT/check-good.csv"
  sed -n '2,3p' "$csv" | sed 's/;.*/;wrong-credential-x/' > "$OUT/check-bad.csv"
  good=$("$OUT/regstorm" -p "$port" -f "$OUT/check-good.csv" -a "$auth" -m handshake -c 1 -D "$DOMAIN" -V "$TLS" 2>/dev/null)
  bad=$("$OUT/regstorm" -p "$port" -f "$OUT/check-bad.csv" -a "$auth" -m handshake -c 1 -D "$DOMAIN" -V "$TLS" 2>/dev/null)
  echo "$name: 2 devices, own credentials: $(grep -o 'ok=[0-9]* fail=[0-9]* bad=[0-9]*' <<<"$good") $(grep -o 'statuses=[^ ]*' <<<"$good"); wrong credentials: $(grep -o 'ok=[0-9]* fail=[0-9]* bad=[0-9]*' <<<"$bad") $(grep -o 'statuses=[^ ]*' <<<"$bad")" >> "$OUT/checks.txt"
done
cat "$OUT/checks.txt" >&2

# warm-up (ucsec's JIT), not measured
for s in "${SERVERS[@]}"; do IFS=: read -r name port pid auth csv <<<"$s"
  taskset -c "$CCPU" "$OUT/regstorm" -p "$port" -f "$csv" -a "$auth" -m handshake -c 64 -t "${WARMUP:-10}" -D "$DOMAIN" -V "$TLS" >/dev/null 2>&1 || true; done

declare -A DEAD
for rep in $(seq "$REPS"); do
  for mode in $MODES; do
    for name in "${NAMES[@]}"; do
      [ -n "${DEAD[$name]:-}" ] && continue
      if [ "$name" = ucsec ]; then ucsec_before_run; fi
      if ! run "$name" "${PID[$name]}" "${PORT[$name]}" "${AUTH[$name]}" "${CSV[$name]}" "$mode" "$rep"; then
        # Kamailio 5.6.3 + OpenSSL 3: the crash of issue 10; restart it (KAM_RESTARTS times) and go on measuring
        if [ "$name" = kamailio ] && [ "${RESTARTS[$name]:-0}" -lt "${KAM_RESTARTS:-3}" ]; then
          RESTARTS[$name]=$(( ${RESTARTS[$name]:-0} + 1 )); start_kamailio; PID[kamailio]=$KAM_PID
          log "kamailio restarted (restart ${RESTARTS[$name]}), pid $KAM_PID"; echo "kamailio: restarted (pid $KAM_PID)" >> "$OUT/crashes.txt"
        else DEAD[$name]=1; fi
      fi
    done
  done
done
SERVERS=(); for n in "${NAMES[@]}"; do SERVERS+=("$n:${PORT[$n]}:${PID[$n]}:${AUTH[$n]}:${CSV[$n]}"); done
for s in "${SERVERS[@]}"; do IFS=: read -r name port pid auth csv <<<"$s"
  if alive "$pid" && [ "$pid" != 0 ]; then
    rss=0; for p in $pid $(cat /proc/$pid/task/*/children 2>/dev/null); do rss=$((rss + $(awk '/VmRSS/ {print $2}' /proc/$p/status 2>/dev/null || echo 0))); done
    echo "$name: alive at the end, $rss kB RSS$([ "$name" = kamailio ] && echo " (sum of its processes: its shared memory counted once per process that touched it)")" >> "$OUT/checks.txt"
  fi
done
if [ -f "$OUT/kamailio/kamailio.log" ]; then
  n=$(cat "$OUT"/kamailio/kamailio*.log | grep -c 'unsupported algorithm' || true)
  echo "kamailio: $n TLS reads failed with 'digital envelope routines::unsupported algorithm' (Kamailio 5.6 + OpenSSL 3 across its worker processes)" >> "$OUT/checks.txt"
fi
{ echo "devices=$DEVICES secs=$SECS reps=$REPS conc=$CONC tls=$TLS modes=$MODES kam_children=$KAM_CHILDREN nonce_reuse=$NONCE_REUSE server_cpu=$SCPU client_cpu=$CCPU"
  echo "openssl $(openssl version | cut -d' ' -f2), kamailio $(kamailio -v | sed -n 's/^version: kamailio \([^ ]*\).*/\1/p'), $(nproc) CPUs ($(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1)), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$OUT/env.txt"
python3 "$HERE/report.py" "$OUT" | tee "$OUT/report.md"
