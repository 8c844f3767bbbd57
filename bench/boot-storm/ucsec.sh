# bench/boot-storm: the ucsec side, sourced by run.sh (uses its OUT, PKI, PH, PHONES, UCSEC_PORT, SCPU, CCPU, log,
# port_free, wait_port). A node from a built tree (UCSEC_TREE, default this repository: it needs the provisioning
# listener (branch provisioning) and phone profiles (branch phone)), pinned to SCPU like nginx:
#   1. ./ucsec serve --product cucm --provisioning-port UCSEC_PORT on a fresh data dir;
#   2. its tomcat-ECDSA certificate (what the provisioning listener serves) signed by the bench's server CA, the CA of
#      nginx's certificate (the key stays in ucsec: same CA, key type, CN and suites as nginx, not the same key);
#   3. the phone CA uploaded to phone-provisioning-trust (the "manufacturer root" of seed 003);
#   4. cfg.xml.in imported as the group profile "bench" (`ucsec phone import`), and one phone profile per phone
#      (MAC, model, serial) in that group: PHONES profiles over REST (bench/lib/ucsec_api.py phones).
# The phones then GET /$MA.xml with their own certificates, as from nginx.
UCSEC_TREE=${UCSEC_TREE:-$ROOT}
UCSEC_API="$ROOT/bench/lib/ucsec_api.py"

ucsec_cli() { (cd "$UCSEC_TREE" && taskset -c "$CCPU" ./ucsec "$@" --data "$UCSEC_DATA") >> "$OUT/ucsec/setup.log" 2>&1 \
  || { tail -20 "$OUT/ucsec/setup.log" >&2; echo "boot-storm: ucsec $* failed" >&2; exit 1; }; }
ucsec_api() { taskset -c "$CCPU" python3 "$UCSEC_API" "$UCSEC_DATA" "$@"; }

ucsec_start() {
  port_free "$UCSEC_PORT"
  local d="$OUT/ucsec"; rm -rf "$d"; mkdir -p "$d"
  UCSEC_DATA="$d/data"
  (cd "$UCSEC_TREE" && ./ucsec --version) > "$d/build.log" 2>&1 || { tail -30 "$d/build.log"; exit 1; }   # builds if needed
  (cd "$UCSEC_TREE" && exec taskset -c "$SCPU" ./ucsec serve --data "$UCSEC_DATA" --port 0 --sip-tls-port 0 --product cucm \
     --node-name bench-node --fqdn prov.example.com --provisioning-port "$UCSEC_PORT") > "$d/node.log" 2>&1 &
  UCSEC_PID=$!; PIDS+=("$UCSEC_PID")
  for _ in $(seq 600); do grep -q ' is up' "$d/node.log" && break; kill -0 "$UCSEC_PID" 2>/dev/null || { cat "$d/node.log"; exit 1; }; sleep 0.5; done
  grep -q ' is up' "$d/node.log" || { tail -20 "$d/node.log"; echo "ucsec did not come up"; exit 1; }

  # 2. the provisioning server's certificate from the bench's server CA
  ucsec_cli set cert import trust tomcat-trust "$PKI/server-ca.pem" --description "boot-storm server CA"
  ucsec_cli set csr gen tomcat-ECDSA --out "$d/tomcat-ECDSA.csr"
  openssl x509 -req -in "$d/tomcat-ECDSA.csr" -CA "$PKI/server-ca.pem" -CAkey "$PKI/server-ca.key" -CAcreateserial -days 30 -sha256 \
    -copy_extensions copy -out "$d/tomcat-ECDSA.pem" 2>>"$d/setup.log"
  ucsec_cli set cert import own tomcat-ECDSA "$d/tomcat-ECDSA.pem"
  # 3. the phones' CA
  ucsec_cli set cert import trust phone-provisioning-trust "$PKI/phone-ca.pem" --description "boot-storm phone CA"
  ucsec_cli utils service restart provisioning   # both imports mark it: it reloads its certificate and trust anchors

  # 4. profiles (the phone capability, branch phone: `ucsec phone import`, PUT /api/v1/phone/phones/{mac})
  if [ "${UCSEC_SKIP_PROFILES:-0}" != 1 ]; then   # 1: no profiles (every phone refused as unknown: checks the set-up only)
    ucsec_cli phone import "$HERE/cfg.xml.in" --group bench
    taskset -a -pc 0-1 "$UCSEC_PID" > /dev/null   # set-up, not measured: both cores; pinned back below
    ucsec_api phones "$PH/phones.tsv" bench 8
    taskset -a -pc "$SCPU" "$UCSEC_PID" > /dev/null
  fi
  wait_port "$UCSEC_PORT" || { echo "boot-storm: ucsec's provisioning port $UCSEC_PORT does not listen"; exit 1; }
}
