#!/usr/bin/env bash
# bench/tls-handshake: ucsec's TLS transport and nginx side by side, one full mutual-TLS handshake per connection.
# Not part of the Maven reactor. Needs: nginx (apt-get install -y nginx), libssl-dev, gcc, openssl, a JDK 21+.
#   bench/tls-handshake/run.sh [SECONDS_PER_RUN] [REPEATS]      (defaults 5 and 3; results in bench/tls-handshake/target)
# Environment: ENGINE=auto|openssl|jdk (ucsec's engine), IO=auto|epoll|nio (ucsec's event loop), IDLE=10000 (idle
#   connections; 0 skips the idle-memory step), SERVER_CPU=0 CLIENT_CPU=1, CONCS="1 4 64" (concurrencies),
#   NOCACHE=1 (also run ucsec with its chain cache off, as ucsec-nocache), COMPARE_NIO=0 (1: also run ucsec on the Java
#   NIO event loop, as ucsec-nio, beside ucsec on IO: before/after epoll in one run), COMPARE_SIGNER=0 (1: also run
#   ucsec with -Ducsec.tls.libcrypto-rsa=false, as ucsec-boringssl-rsa: BoringSSL signs RSA itself, decision 0012),
#   KEYS="ec rsa" (server key types to run), WARMUP=4 (seconds of unmeasured load on each ucsec server before the
#   first run, for the JIT; as many again at TLS 1.3).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SECS=${1:-5}; REPS=${2:-3}
ENGINE=${ENGINE:-auto}; IDLE=${IDLE:-10000}; IO=${IO:-auto}
CONCS=${CONCS:-1 4 64}; NOCACHE=${NOCACHE:-1}; COMPARE_NIO=${COMPARE_NIO:-0}; COMPARE_SIGNER=${COMPARE_SIGNER:-0}; KEYS=${KEYS:-ec rsa}
SCPU=${SERVER_CPU:-0}; CCPU=${CLIENT_CPU:-1}; WARMUP=${WARMUP:-4}
OUT="$HERE/target"; PKI="$OUT/pki"
mkdir -p "$OUT" "$PKI"
ulimit -n "$(ulimit -Hn)"  # 10,000 idle connections need about as many descriptors on each side
cd "$ROOT"; . bin/jdk.sh; ucsec_pick_jdk >/dev/null

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# ---------------------------------------------------------------------------------------------------- build
log "building ucsec-tls and the load client"
mvn -B -ntp -q -pl ucsec-tls -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$OUT/cp.txt" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
CP="$ROOT/ucsec-tls/target/classes:$ROOT/ucsec-pki/target/classes:$ROOT/ucsec-core/target/classes:$(cat "$OUT/cp.txt")"
mkdir -p "$OUT/classes"; javac -d "$OUT/classes" -cp "$CP" "$HERE/src/BenchServer.java"
gcc -O2 -Wall -o "$OUT/loadclient" "$HERE/loadclient.c" -lssl -lcrypto -lpthread

# ---------------------------------------------------------------------------------------------------- PKI
if [ ! -f "$PKI/client.pem" ]; then
  log "test PKI: EC P-256 root CA, client certificate, EC P-256 and RSA-2048 server keys"
  ( cd "$PKI"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/O=ucsec bench/CN=Bench CA" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    leaf() { # name keyspec ext
      openssl req -new -newkey $2 -nodes -keyout $1.key.tmp -out $1.csr -subj "/O=ucsec bench/CN=$1.example.com" 2>/dev/null
      openssl pkcs8 -topk8 -nocrypt -in $1.key.tmp -out $1.key; rm $1.key.tmp
      printf '%b' "$3" > $1.ext
      openssl x509 -req -in $1.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -sha256 -extfile $1.ext -out $1.pem 2>/dev/null
      cat $1.pem > $1-chain.pem
    }
    leaf server-ec "ec -pkeyopt ec_paramgen_curve:P-256" "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n"
    leaf server-rsa "rsa:2048" "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n"
    leaf client "ec -pkeyopt ec_paramgen_curve:P-256" "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n" )
fi

# ---------------------------------------------------------------------------------------------------- helpers
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }          # utime+stime, all threads
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
HZ=$(getconf CLK_TCK)
NGINX_PORT=18443; UCSEC_PORT=19443; NOCACHE_PORT=19444; NIO_PORT=19445; SIGNER_PORT=19446
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start_nginx() { # keytype
  local d="$OUT/nginx-$1"; mkdir -p "$d"
  local cipher=$([ "$1" = ec ] && echo ECDHE-ECDSA-AES128-GCM-SHA256 || echo ECDHE-RSA-AES128-GCM-SHA256)
  sed -e "s#@DIR@#$d#g; s#@PORT@#$NGINX_PORT#; s#@CHAIN@#$PKI/server-$1-chain.pem#; s#@KEY@#$PKI/server-$1.key#; s#@CA@#$PKI/ca.pem#; s#@CIPHER@#$cipher#" \
    "$HERE/nginx.conf.in" > "$d/nginx.conf"
  taskset -c "$SCPU" nginx -p "$d" -c "$d/nginx.conf" >"$d/stdout.log" 2>&1 &
  NGINX_PID=$!; PIDS+=("$NGINX_PID")
  for _ in $(seq 50); do (echo > /dev/tcp/127.0.0.1/$NGINX_PORT) 2>/dev/null && return 0; sleep 0.1; done
  echo "nginx did not start"; cat "$d/nginx-error.log"; exit 1
}
start_ucsec() { # keytype [port cache io jvm-option]
  local port=${2:-$UCSEC_PORT} io=${4:-$IO}; local log="$OUT/ucsec-$1${3:+-nocache}${4:+-$4}${5:+-signer}.log"
  UCSEC_CHAIN_CACHE=${3:-1} taskset -c "$SCPU" java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms256m -Xmx2g -Xss256k -Djava.util.logging.config.file=/dev/null ${5:-} \
    -cp "$OUT/classes:$CP" BenchServer "$port" "$PKI/server-$1.key" "$PKI/server-$1-chain.pem" "$PKI/ca.pem" "$ENGINE" "$io" >"$log" 2>&1 &
  UCSEC_PID=$!; PIDS+=("$UCSEC_PID")
  for _ in $(seq 100); do grep -q READY "$log" 2>/dev/null && return 0; sleep 0.1; done
  echo "ucsec did not start"; cat "$log"; exit 1
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

client() { taskset -c "$CCPU" "$OUT/loadclient" "$@"; }

# one measured run: server pid port conc tls -> a TSV line
run() { # name pid port key tls conc rep
  local before after res
  before=$(cpu_ticks "$2")
  res=$(client load 127.0.0.1 "$3" "$6" "$SECS" "$5" "$PKI/client-chain.pem" "$PKI/client.key")
  after=$(cpu_ticks "$2")
  local ok=$(sed 's/.*ok=\([0-9]*\).*/\1/' <<<"$res")
  local cpu_ms=$(awk -v a="$after" -v b="$before" -v hz="$HZ" -v n="$ok" 'BEGIN { printf "%.4f", n ? (a-b)*1000/hz/n : 0 }')
  local util=$(awk -v a="$after" -v b="$before" -v hz="$HZ" -v s="$SECS" 'BEGIN { printf "%.0f", (a-b)*100/hz/s }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$4" "$5" "$6" "$7" "$cpu_ms" "$util" "$res" >> "$OUT/runs.tsv"
  log "$1 $4 TLS$5 c=$6 #$7: $res server_cpu_ms/hs=$cpu_ms server_cpu=$util%"
}

# with and without a client certificate: nginx answers an HTTP request, ucsec a SIP OPTIONS
refusal_demo() {
  local HTTP='GET / HTTP/1.0\r\n\r\n'
  local SIP='OPTIONS sip:bench.example.com SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\r\nCall-ID: refusal@bench\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n'
  local tls name port req cert res
  for tls in 1.2 1.3; do
    for name in nginx ucsec; do
      if [ $name = nginx ]; then port=$NGINX_PORT; req=$HTTP; else port=$UCSEC_PORT; req=$SIP; fi
      for cert in with without; do
        local args=()
        [ $cert = with ] && args=(-cert "$PKI/client-chain.pem" -key "$PKI/client.key")
        res=$( (printf "$req"; sleep 1) | timeout 5 openssl s_client -connect 127.0.0.1:$port -quiet -tls${tls/./_} -ciphersuites TLS_AES_128_GCM_SHA256 "${args[@]}" 2>&1 \
               | grep -E "^HTTP/|^SIP/|No required SSL|alert" | sed 's/^[0-9A-F]*:error:[0-9A-F]*:SSL routines:[a-z0-9_]*://; s/:..\/ssl.*//' | head -3 | tr '\n' ' ' || true)
        echo "$name TLS$tls $cert client certificate: ${res:-(closed, nothing received)}" >> "$OUT/refusal.txt"
      done
    done
  done
}

if [ "${MODE:-}" = refusal ]; then
  : > "$OUT/refusal.txt"; start_nginx ec; start_ucsec ec; refusal_demo; cat "$OUT/refusal.txt"; stop $NGINX_PID; stop $UCSEC_PID; exit 0
fi

# ---------------------------------------------------------------------------------------------------- openssl speed
log "openssl speed (the crypto bound)"
taskset -c "$SCPU" openssl speed -seconds 2 ecdsap256 ecdhp256 rsa2048 > "$OUT/speed.txt" 2>/dev/null
# ---------------------------------------------------------------------------------------------------- handshakes
: > "$OUT/runs.tsv"; : > "$OUT/refusal.txt"; : > "$OUT/idle.tsv"
for key in $KEYS; do
  start_nginx $key
  NOCACHE_PID=; NIO_PID=; SIGNER_PID=
  if [ "$NOCACHE" = 1 ]; then start_ucsec $key $NOCACHE_PORT 0; NOCACHE_PID=$UCSEC_PID; fi
  if [ "$COMPARE_NIO" = 1 ]; then start_ucsec $key $NIO_PORT "" nio; NIO_PID=$UCSEC_PID; log "ucsec-nio: $(grep READY "$OUT/ucsec-$key-nio.log")"; fi
  if [ "$COMPARE_SIGNER" = 1 ]; then start_ucsec $key $SIGNER_PORT "" "" -Ducsec.tls.libcrypto-rsa=false; SIGNER_PID=$UCSEC_PID; log "ucsec-boringssl-rsa: $(grep READY "$OUT/ucsec-$key-signer.log")"; fi
  start_ucsec $key
  log "servers up ($key): nginx pid $NGINX_PID, ucsec pid $UCSEC_PID ($(grep READY "$OUT/ucsec-$key.log"))"
  # warm-up (the JIT), not measured
  for p in $UCSEC_PORT ${NOCACHE_PID:+$NOCACHE_PORT} ${NIO_PID:+$NIO_PORT} ${SIGNER_PID:+$SIGNER_PORT}; do
    client load 127.0.0.1 $p 4 "$WARMUP" 1.2 "$PKI/client-chain.pem" "$PKI/client.key" >/dev/null
    client load 127.0.0.1 $p 1 "$WARMUP" 1.2 "$PKI/client-chain.pem" "$PKI/client.key" >/dev/null
    client load 127.0.0.1 $p 4 "$WARMUP" 1.3 "$PKI/client-chain.pem" "$PKI/client.key" >/dev/null
  done
  client load 127.0.0.1 $NGINX_PORT 4 1 1.2 "$PKI/client-chain.pem" "$PKI/client.key" >/dev/null
  for tls in 1.2 1.3; do
    for conc in $CONCS; do
      for rep in $(seq "$REPS"); do
        run nginx $NGINX_PID $NGINX_PORT $key $tls $conc $rep
        run ucsec $UCSEC_PID $UCSEC_PORT $key $tls $conc $rep
        if [ -n "$NOCACHE_PID" ]; then run ucsec-nocache $NOCACHE_PID $NOCACHE_PORT $key $tls $conc $rep; fi
        if [ -n "$NIO_PID" ]; then run ucsec-nio $NIO_PID $NIO_PORT $key $tls $conc $rep; fi
        if [ -n "$SIGNER_PID" ]; then run ucsec-boringssl-rsa $SIGNER_PID $SIGNER_PORT $key $tls $conc $rep; fi
      done
    done
  done
  if [ "$key" = ec ] && [ "$IDLE" != 0 ]; then
    log "a handshake without a client certificate is refused by both"
    refusal_demo
    cat "$OUT/refusal.txt" >&2
    log "RSS with $IDLE idle TLS connections"
    for s in nginx:$NGINX_PID:$NGINX_PORT ucsec:$UCSEC_PID:$UCSEC_PORT; do
      IFS=: read -r name pid port <<<"$s"
      [ "$name" = ucsec ] && jcmd "$pid" GC.run >/dev/null 2>&1 || true
      r0=$(rss_kb "$pid")
      exec {W}> >(client idle 127.0.0.1 "$port" "$IDLE" 0 1.3 "$PKI/client-chain.pem" "$PKI/client.key" > "$OUT/idle-$name.out")
      for _ in $(seq 600); do grep -q IDLE "$OUT/idle-$name.out" 2>/dev/null && break; sleep 0.2; done
      sleep 1
      [ "$name" = ucsec ] && jcmd "$pid" GC.run >/dev/null 2>&1 || true
      sleep 1
      r1=$(rss_kb "$pid")
      n=$(awk '{print $2}' "$OUT/idle-$name.out")
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$r0" "$r1" "$(awk -v a=$r0 -v b=$r1 -v n=$n 'BEGIN{printf "%.1f", n ? (b-a)/n : 0}')" >> "$OUT/idle.tsv"
      log "$name: $n idle connections, RSS $r0 -> $r1 kB"
      exec {W}>&-
      sleep 2
    done
  fi
  stop $NGINX_PID; stop $UCSEC_PID; if [ -n "$NOCACHE_PID" ]; then stop $NOCACHE_PID; fi; if [ -n "$NIO_PID" ]; then stop $NIO_PID; fi
  if [ -n "$SIGNER_PID" ]; then stop $SIGNER_PID; fi
done
python3 "$HERE/report.py" "$OUT" | tee "$OUT/report.md"
