#!/usr/bin/env bash
# bench/boot-storm (issue 9 item 8): N distinct phones (N distinct client certificates from a test phone CA, subject
# OU=<model>, L=<serial>, ST=<MAC> as in seed 003) fetch their cfg.xml over HTTPS at once, each request a new TCP
# connection, a full TLS handshake (no session cache, no tickets) and one GET; nginx (Debian) serving the same files
# pre-rendered with ssl_verify_client on and ucsec's provisioning listener, side by side in one run.
# Not part of the Maven reactor. Needs nginx, gcc, libssl-dev, openssl, python3 (and a JDK 21+ for ucsec).
#
#   bench/boot-storm/run.sh [PHONES] [REPEATS]          (defaults 5000 and 3; work files in bench/boot-storm/target)
#
# Environment:
#   TARGETS="nginx ucsec"   servers to measure (ucsec: a node built from this tree, see start_ucsec below)
#   EXTERNAL="name:port:pid ..."  also measure already-running HTTPS servers (any server trusting target/pki/phone-ca.pem,
#                           answering URL; pid for its CPU time, 0 = unknown)
#   URL='/$MA.xml'          the phones' request path, Cisco macros ($MA, $MAU, $MAC, $PN, $SN)
#   TLS=1.2|1.3             protocol (1.2: ECDHE-ECDSA-AES128-GCM-SHA256, 1.3: TLS_AES_128_GCM_SHA256), ECDH P-256
#   STEADY_SECS=10 STEADY_CONC=256   the steady phase (0 skips it): phones in turn, CONC connections in flight
#   SHARED_KEY=0            1: one EC key for all phone certificates (certificates still distinct)
#   COLD=65                 seconds without load before each storm: ucsec keeps a chain decision 60 s (transport chain
#                           cache), so after 65 s every phone's certificate is validated again, as at a real boot
#                           storm (no phone connected in the last minute); 0 = no wait (a warm cache: second boots)
#   SERVER_CPU=0 CLIENT_CPU=1        cores for the servers and the load client
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PHONES=${1:-5000}; REPS=${2:-3}
TARGETS=${TARGETS:-nginx ucsec}; EXTERNAL=${EXTERNAL:-}
URL=${URL:-'/$MA.xml'}; TLS=${TLS:-1.2}
STEADY_SECS=${STEADY_SECS:-10}; STEADY_CONC=${STEADY_CONC:-256}; COLD=${COLD:-65}
SHARED_KEY=${SHARED_KEY:-0}; SCPU=${SERVER_CPU:-0}; CCPU=${CLIENT_CPU:-1}
OUT="$HERE/target"; PKI="$OUT/pki"; PH="$OUT/phones-$PHONES"
mkdir -p "$OUT" "$PKI"
ulimit -n "$(ulimit -Hn)"   # PHONES connections at once on each side
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
NGINX_PORT=18480; UCSEC_PORT=18481
HZ=$(getconf CLK_TCK)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------- build
gcc -O2 -Wall -o "$OUT/bootstorm" "$HERE/bootstorm.c" -lssl -lcrypto
gcc -O2 -Wall -o "$OUT/certgen" "$HERE/certgen.c" -lcrypto

# ---------------------------------------------------------------------------------------------------- PKI
# phone CA (the "manufacturer" root the provisioning trust store gets), server CA (signs the provisioning server's
# certificate, as a tomcat CA would), the server certificate for nginx (EC P-256, CN = the server FQDN)
if [ ! -f "$PKI/server.pem" ]; then
  ( cd "$PKI"
    for ca in phone-ca server-ca; do
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $ca.key -out $ca.pem -days 30 \
        -subj "/O=ucsec bench/CN=Bench ${ca%-ca} CA" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    done
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key.tmp -out server.csr -subj "/O=ucsec bench/CN=prov.example.com" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in server.key.tmp -out server.key; rm server.key.tmp
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:prov.example.com,IP:127.0.0.1\n' > server.ext
    openssl x509 -req -in server.csr -CA server-ca.pem -CAkey server-ca.key -CAcreateserial -days 30 -sha256 -extfile server.ext -out server.pem 2>/dev/null )
fi
if [ ! -f "$PH/phones.tsv" ] || [ "$(wc -l < "$PH/phones.tsv")" != "$PHONES" ]; then
  mkdir -p "$PH"; t0=$(date +%s.%N)
  "$OUT/certgen" "$PKI/phone-ca.pem" "$PKI/phone-ca.key" "$PHONES" "$PH" $([ "$SHARED_KEY" = 1 ] && echo shared)
  log "$PHONES phone certificates in $(echo "$(date +%s.%N) - $t0" | bc) s"
  rm -rf "$PH/docroot"; python3 "$HERE/render.py" "$HERE/cfg.xml.in" "$PH/phones.tsv" "$PH/docroot" "$URL"
fi

# ---------------------------------------------------------------------------------------------------- helpers
cpu_ticks() { [ "$1" = 0 ] && echo 0 || awk '{print $14+$15}' "/proc/$1/stat"; }
client() { taskset -c "$CCPU" "$OUT/bootstorm" -p "$1" -d "$PH" -u "$URL" -V "$TLS" -m "${@:2}"; }
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
wait_port() { for _ in $(seq 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; return 1; }

port_free() { ! (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null || { echo "port $1 is in use (an earlier run still up?)"; exit 1; }; }
start_nginx() {
  port_free $NGINX_PORT
  local d="$OUT/nginx"; mkdir -p "$d"
  # the URL pattern with the certificate's fields: nginx answers a phone's own file only
  case $URL in *'$MAU'*|*'$MAC'*) echo "nginx: URL may use \$MA, \$PN, \$SN (not \$MAU, \$MAC)"; exit 2;; esac
  local expected=$(sed 's/\$MA/${phone_mac}/g; s/\$PN/${phone_pn}/g; s/\$SN/${phone_sn}/g' <<<"$URL")
  sed -e "s#@DIR@#$d#g; s#@PORT@#$NGINX_PORT#; s#@CHAIN@#$PKI/server.pem#; s#@KEY@#$PKI/server.key#; s#@CA@#$PKI/phone-ca.pem#" \
      -e "s#@CIPHER@#ECDHE-ECDSA-AES128-GCM-SHA256#; s#@DOCROOT@#$DOCROOT#; s#@EXPECTED@#$expected#" "$HERE/nginx.conf.in" > "$d/nginx.conf"
  taskset -c "$SCPU" nginx -p "$d" -c "$d/nginx.conf" >"$d/stdout.log" 2>&1 &
  NGINX_PID=$!; PIDS+=("$NGINX_PID")
  wait_port $NGINX_PORT || { echo "nginx did not start"; cat "$d/nginx-error.log"; exit 1; }
}

# ucsec: a node from this tree (./ucsec serve), the phone CA in the provisioning trust store, the cfg.xml.in settings
# as the cluster profile, one phone profile per phone (MAC, model, serial), the provisioning listener on UCSEC_PORT.
# See ucsec.sh (kept apart: it follows the provisioning and phone branches' CLI).
start_ucsec() { . "$HERE/ucsec.sh"; ucsec_start; }

# one measured run -> a TSV line: name phase rep server_cpu_ms/req server_util% client_util% result
run() { # name pid port phase rep client-args...
  local name=$1 pid=$2 port=$3 phase=$4 rep=$5; shift 5
  local before after res t0 t1
  before=$(cpu_ticks "$pid"); t0=$(date +%s.%N)
  res=$(client "$port" "$@")
  t1=$(date +%s.%N); after=$(cpu_ticks "$pid")
  local ok=$(sed 's/.*ok=\([0-9]*\).*/\1/' <<<"$res") secs=$(sed 's/.*secs=\([0-9.]*\).*/\1/' <<<"$res") ccpu=$(sed 's/.*client_cpu_s=\([0-9.]*\).*/\1/' <<<"$res")
  local cpu_ms=$(awk -v a="$after" -v b="$before" -v hz="$HZ" -v n="$ok" 'BEGIN { printf "%.4f", n ? (a-b)*1000/hz/n : 0 }')
  local util=$(awk -v a="$after" -v b="$before" -v hz="$HZ" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? (a-b)*100/hz/s : 0) }')
  local cutil=$(awk -v c="$ccpu" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? c*100/s : 0) }')
  [ "$pid" = 0 ] && cpu_ms=NA util=NA
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$phase" "$rep" "$cpu_ms" "$util" "$cutil" "$res" >> "$OUT/runs.tsv"
  log "$name $phase #$rep: $res server_cpu_ms/req=$cpu_ms server_cpu=$util% client_cpu=$cutil%"
}

# ---------------------------------------------------------------------------------------------------- servers
: > "$OUT/runs.tsv"
SERVERS=()
# ucsec first: when it runs, nginx serves ucsec's own rendering of every phone's cfg.xml (fetched once with each phone's
# certificate: the same bytes, macros expanded, secrets in clear), else render.py's expansion of cfg.xml.in
DOCROOT="$PH/docroot"
case " $TARGETS " in *" ucsec "*)
  start_ucsec; SERVERS+=("ucsec:$UCSEC_PORT:$UCSEC_PID"); log "ucsec up, pid $UCSEC_PID"
  DOCROOT="$OUT/ucsec/docroot"; rm -rf "$DOCROOT"; mkdir -p "$DOCROOT"
  case $URL in */*/*) echo "URL with directories: -w needs them created first"; exit 2;; esac
  client "$UCSEC_PORT" -n "$PHONES" -c 64 -w "$DOCROOT" > "$OUT/ucsec/fetch.txt"
  log "nginx's files: ucsec's rendering of each phone's cfg.xml ($(ls "$DOCROOT" | wc -l) files; $(cat "$OUT/ucsec/fetch.txt" | grep -o 'ok=[0-9]* fail=[0-9]* bad=[0-9]*'))"
  [ "$(ls "$DOCROOT" | wc -l)" = "$PHONES" ] || { echo "ucsec did not serve every phone its file"; exit 1; } ;;
esac
for t in $TARGETS; do
  case $t in
    nginx) start_nginx; SERVERS=("nginx:$NGINX_PORT:$NGINX_PID" "${SERVERS[@]}"); log "nginx $(nginx -v 2>&1 | cut -d/ -f2) up, pid $NGINX_PID (files: $DOCROOT)" ;;
    ucsec) ;;
    *) echo "unknown target $t"; exit 2 ;;
  esac
done
for e in $EXTERNAL; do SERVERS+=("$e"); done

# correctness before load: a phone gets its own file (200, its MAC inside), another phone's URL is refused, no
# client certificate is refused
: > "$OUT/checks.txt"; rm -f "$OUT"/*-own.xml
p1=$(sed -n 1p "$PH/phones.tsv" | cut -f1); p2=$(sed -n 2p "$PH/phones.tsv" | cut -f1)
sed -n '1,/END CERTIFICATE/p' "$PH/phone-certs.pem" > "$OUT/phone1.pem"; sed -n '1,/END PRIVATE KEY/p' "$PH/phone-keys.pem" > "$OUT/phone1.key"
for s in "${SERVERS[@]}"; do
  IFS=: read -r name port pid <<<"$s"
  own=${URL//\$MA/$p1}; other=${URL//\$MA/$p2}
  c1=$(curl -sk --cert "$OUT/phone1.pem" --key "$OUT/phone1.key" "https://127.0.0.1:$port$own" -o "$OUT/$name-own.xml" -w '%{http_code}' || true)
  c2=$(curl -sk --cert "$OUT/phone1.pem" --key "$OUT/phone1.key" "https://127.0.0.1:$port$other" -o /dev/null -w '%{http_code}' || true)
  c3=$(curl -sk "https://127.0.0.1:$port$own" -o /dev/null -w '%{http_code}' 2>/dev/null || true)
  echo "$name: phone $p1 own file $own: $c1 ($(grep -c "$p1" "$OUT/$name-own.xml" 2>/dev/null) lines with its MAC, $(wc -c < "$OUT/$name-own.xml" 2>/dev/null || echo 0) bytes); another phone's $other: $c2; no client certificate: ${c3:-000} (000 = refused in the handshake)" >> "$OUT/checks.txt"
done
if [ -f "$OUT/nginx-own.xml" ] && [ -f "$OUT/ucsec-own.xml" ]; then
  cmp -s "$OUT/nginx-own.xml" "$OUT/ucsec-own.xml" && echo "phone $p1's file from nginx and from ucsec: identical bytes" >> "$OUT/checks.txt" \
    || echo "phone $p1's file from nginx and from ucsec: DIFFERENT" >> "$OUT/checks.txt"
fi
cat "$OUT/checks.txt" >&2

# warm-up (ucsec's JIT), not measured
for s in "${SERVERS[@]}"; do IFS=: read -r name port pid <<<"$s"; client "$port" -n 2000 -c 64 >/dev/null; done

for rep in $(seq "$REPS"); do
  for s in "${SERVERS[@]}"; do
    IFS=: read -r name port pid <<<"$s"
    [ "$COLD" != 0 ] && { log "$COLD s without load before the $name storm (cold chain cache)"; sleep "$COLD"; }
    run "$name" "$pid" "$port" storm "$rep" -n "$PHONES" -c "$PHONES"
    sleep 1
  done
  if [ "$STEADY_SECS" != 0 ]; then
    for s in "${SERVERS[@]}"; do
      IFS=: read -r name port pid <<<"$s"
      run "$name" "$pid" "$port" steady "$rep" -t "$STEADY_SECS" -c "$STEADY_CONC"
      sleep 1
    done
  fi
done
for s in "${SERVERS[@]}"; do IFS=: read -r name port pid <<<"$s"; [ "$pid" != 0 ] && echo "$name $(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null) kB RSS" >> "$OUT/checks.txt"; done
{ echo "phones=$PHONES reps=$REPS tls=$TLS url=$URL shared_key=$SHARED_KEY cold=${COLD}s steady=${STEADY_SECS}s/c$STEADY_CONC server_cpu=$SCPU client_cpu=$CCPU"
  echo "openssl $(openssl version | cut -d' ' -f2), nginx $(nginx -v 2>&1 | cut -d/ -f2), $(nproc) CPUs ($(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1)), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$OUT/env.txt"
python3 "$HERE/report.py" "$OUT" | tee "$OUT/report.md"
