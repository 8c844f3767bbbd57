# bench/reg-storm: the ucsec side, sourced by run.sh (uses its OUT, PKI, DEVICES, UCSEC_PORT, SCPU, CCPU, log, port_free).
# A node from a built tree (UCSEC_TREE, default this repository: it needs the sipoauth branch's registration edge and
# token endpoint), pinned to SCPU like Kamailio:
#   1. ./ucsec serve --product cucm on a fresh data dir (admin port free, SIP peer-auth port off);
#   2. its tomcat-ECDSA certificate signed by the bench's server CA (the CA that signs Kamailio's certificate; the key
#      stays in ucsec, so the two servers have the same CA, key type, name and suites, not the same key);
#   3. SIP OAuth mode enabled (O6), the phone OAuth port (O4) = UCSEC_PORT, the token port = UCSEC_TOKEN_PORT;
#   4. a phone security profile with OAuth (Encrypted, TLS, O8) and DEVICES OAuth devices dev00000.. with it;
#   5. one access token per device: an activation code each (admin REST), redeemed at the token endpoint (O10,
#      explicit onboarding grant) -> $OUT/ucsec/tokens.csv ("device;token", what regstorm -a bearer reads).
# Access tokens live 10 minutes (ucsec-oauth TokenPolicy.defaults, not configurable): ucsec_before_run fetches new ones
# when the oldest would be older than UCSEC_TOKEN_MAX_AGE (450 s) at the start of a run. Set-up (devices, tokens) runs
# with the node on both cores; it is pinned back to SCPU (taskset -a -p) before anything is measured.
# Written against the sipoauth branch (SipOAuthTestSupport.enable, RegistrationEdgeTest, TokenEndpoint); run end to end
# on main 2f1061d + sipoauth 66ebe86 + phone c044187 + provisioning 5991249 (a scratch merge: UCSEC_TREE).
UCSEC_TREE=${UCSEC_TREE:-$ROOT}
UCSEC_TOKEN_PORT=${UCSEC_TOKEN_PORT:-16972}; UCSEC_MRA_PORT=${UCSEC_MRA_PORT:-15091}
UCSEC_API="$ROOT/bench/lib/ucsec_api.py"

ucsec_cli() { (cd "$UCSEC_TREE" && taskset -c "$CCPU" ./ucsec "$@" --data "$UCSEC_DATA") >> "$OUT/ucsec/setup.log" 2>&1 \
  || { tail -20 "$OUT/ucsec/setup.log" >&2; echo "reg-storm: ucsec $* failed" >&2; exit 1; }; }
ucsec_api() { taskset -c "$CCPU" python3 "$UCSEC_API" "$UCSEC_DATA" "$@"; }

ucsec_start() {
  port_free "$UCSEC_PORT"; port_free "$UCSEC_TOKEN_PORT"; port_free "$UCSEC_MRA_PORT"
  local d="$OUT/ucsec"; rm -rf "$d"; mkdir -p "$d"
  UCSEC_DATA="$d/data"
  (cd "$UCSEC_TREE" && ./ucsec --version) > "$d/build.log" 2>&1 || { tail -30 "$d/build.log"; exit 1; }   # builds if needed
  (cd "$UCSEC_TREE" && exec taskset -c "$SCPU" ./ucsec serve --data "$UCSEC_DATA" --port 0 --sip-tls-port 0 --product cucm \
     --node-name bench-node --fqdn sip.example.com) > "$d/node.log" 2>&1 &
  UCSEC_PID=$!; PIDS+=("$UCSEC_PID")
  for _ in $(seq 600); do grep -q ' is up' "$d/node.log" && break; kill -0 "$UCSEC_PID" 2>/dev/null || { cat "$d/node.log"; exit 1; }; sleep 0.5; done
  grep -q ' is up' "$d/node.log" || { tail -20 "$d/node.log"; echo "ucsec did not come up"; exit 1; }

  # 2. the server certificate from the bench's server CA
  ucsec_cli set cert import trust tomcat-trust "$PKI/server-ca.pem" --description "reg-storm server CA"
  ucsec_cli set csr gen tomcat-ECDSA --out "$d/tomcat-ECDSA.csr"
  openssl x509 -req -in "$d/tomcat-ECDSA.csr" -CA "$PKI/server-ca.pem" -CAkey "$PKI/server-ca.key" -CAcreateserial -days 30 -sha256 \
    -copy_extensions copy -out "$d/tomcat-ECDSA.pem" 2>>"$d/setup.log"
  ucsec_cli set cert import own tomcat-ECDSA "$d/tomcat-ECDSA.pem"

  # 3. SIP OAuth ports (O4; 1024-49151) and mode (O6), then the three listeners reload (O7), as the sipoauth tests do
  ucsec_cli set sipoauth ports --phone-oauth-port "$UCSEC_PORT" --mra-port "$UCSEC_MRA_PORT" --token-port "$UCSEC_TOKEN_PORT"
  ucsec_cli utils sipOAuth-mode enable
  local s; for s in sip-oauth sip-oauth-mra sip-oauth-token; do ucsec_cli utils service restart "$s"; done
  for _ in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$UCSEC_PORT) 2>/dev/null && break; sleep 0.2; done
  (echo > /dev/tcp/127.0.0.1/$UCSEC_PORT) 2>/dev/null || { echo "reg-storm: ucsec's SIP OAuth port $UCSEC_PORT does not listen (see $d/node.log)"; exit 1; }

  # 4. the OAuth profile (O8) and one OAuth device per SIP device (REST, in ucsec_api.py oauth-tokens)
  ucsec_cli set phone-security profile bench-oauth --security-mode Encrypted --transport TLS --oauth true
  seq -f 'dev%05g' 0 $((DEVICES - 1)) > "$d/devices.txt"
  taskset -a -pc 0-1 "$UCSEC_PID" > /dev/null
  ucsec_api oauth-devices "$d/devices.txt" bench-oauth 8
  UCSEC_CSV="$d/tokens.csv"
  local t0=$(date +%s); ucsec_tokens; UCSEC_TOKEN_FETCH_S=$(( $(date +%s) - t0 ))
}

ucsec_tokens() { # 5. one access token per device (explicit onboarding: activation code -> token endpoint)
  # set-up is not measured: the node may use both cores meanwhile, and is pinned back to SCPU before a run
  taskset -a -pc 0-1 "$UCSEC_PID" > /dev/null
  ucsec_api oauth-tokens "$OUT/ucsec/devices.txt" "https://127.0.0.1:$UCSEC_TOKEN_PORT/oauth/token" "$UCSEC_CSV" 8
  taskset -a -pc "$SCPU" "$UCSEC_PID" > /dev/null
  UCSEC_TOKENS_AT=$(date +%s)
}

ucsec_before_run() { # access tokens live 10 minutes (TokenPolicy.defaults): a run must end before the oldest expires
  local age=$(( $(date +%s) - ${UCSEC_TOKENS_AT:-0} + ${UCSEC_TOKEN_FETCH_S:-0} ))
  if [ "$age" -gt "${UCSEC_TOKEN_MAX_AGE:-450}" ]; then
    log "ucsec: new access tokens (the oldest would be ${age}s old at the start of this run)"
    local t0=$(date +%s); ucsec_tokens; UCSEC_TOKEN_FETCH_S=$(( $(date +%s) - t0 ))
  fi
  return 0
}
