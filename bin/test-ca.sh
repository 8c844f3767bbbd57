#!/bin/sh
# A throwaway two-level test CA made with the openssl binary, to try ucsec's CA-signed certificates (docs/quickstart.md).
# Not for production: the CA keys are unencrypted files in DIR.
#
#   bin/test-ca.sh init DIR [--ec|--rsa]
#       Makes a root CA and an intermediate (issuing) CA in DIR and writes DIR/ca-chain.pem (the intermediate, then the
#       root), the file to import into a trust store: ucsec set cert import trust tomcat-trust DIR/ca-chain.pem
#       Keys: --ec (default) EC P-256, --rsa RSA 3072; signatures SHA-256. Root valid 10 years, intermediate 5.
#       Both: basicConstraints critical CA:TRUE, keyUsage critical keyCertSign+cRLSign, subject/authority key ids.
#       Refuses to overwrite an existing CA in DIR.
#
#   bin/test-ca.sh sign DIR CSR OUT [--server|--client] [--days N]
#       Signs CSR with the intermediate and writes OUT: the leaf, then the intermediate (the chain below the root),
#       ready for: ucsec set cert import own tomcat OUT
#       The leaf keeps the CSR's subject and subjectAltName; like ucsec's tomcat profile (seed 001, tables 2 and 3;
#       ucsec-pki catalogue key-usage.tsv) it gets
#         basicConstraints critical CA:FALSE
#         keyUsage critical  RSA key: digitalSignature, keyEncipherment, dataEncipherment;  EC key: digitalSignature
#         extendedKeyUsage   serverAuth, clientAuth    (--server: serverAuth only; --client: clientAuth only)
#       A single-EKU certificate is refused by `set cert import own tomcat` unless --allow-key-usage-change is given.
#       Validity 365 days unless --days N.
#
# Exit codes: 0 done, 1 openssl failed or a file is missing, 2 usage.
set -eu

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
}

die() { echo "test-ca.sh: $*" >&2; exit 1; }

command -v openssl >/dev/null 2>&1 || die "the openssl binary is not on PATH"

ca_conf() {
  cat <<'EXT'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EXT
}

cmd_init() {
  [ $# -ge 1 ] || usage
  dir=$1; shift
  alg=ec
  for a in "$@"; do
    case $a in
      --ec) alg=ec ;;
      --rsa) alg=rsa ;;
      *) usage ;;
    esac
  done
  [ ! -e "$dir/root.key" ] || die "$dir already holds a test CA (root.key); use another directory"
  mkdir -p "$dir"
  umask 077
  if [ "$alg" = ec ]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/root.key"
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/int.key"
  else
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$dir/root.key" 2>/dev/null
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$dir/int.key" 2>/dev/null
  fi
  umask 022
  ca_conf > "$dir/ca.cnf" # our own config: the result does not depend on the system's openssl.cnf
  openssl req -new -x509 -sha256 -config "$dir/ca.cnf" -extensions v3_ca -key "$dir/root.key" -days 3650 \
    -subj "/O=ucsec test CA/CN=ucsec Test Root CA" -out "$dir/root.pem" || die "openssl could not make the root CA"
  openssl req -new -sha256 -config "$dir/ca.cnf" -key "$dir/int.key" -subj "/O=ucsec test CA/CN=ucsec Test Issuing CA" \
    -out "$dir/int.csr" || die "openssl could not make the intermediate CA's request"
  openssl x509 -req -sha256 -in "$dir/int.csr" -CA "$dir/root.pem" -CAkey "$dir/root.key" -CAserial "$dir/root.srl" \
    -CAcreateserial -days 1825 -extfile "$dir/ca.cnf" -extensions v3_ca -out "$dir/int.pem" 2>/dev/null \
    || die "openssl could not sign the intermediate CA"
  cat "$dir/int.pem" "$dir/root.pem" > "$dir/ca-chain.pem"
  echo "test CA ($alg) in $dir: root root.pem, intermediate int.pem; import $dir/ca-chain.pem into the trust store"
}

cmd_sign() {
  [ $# -ge 3 ] || usage
  dir=$1; csr=$2; out=$3; shift 3
  eku="serverAuth, clientAuth"
  days=365
  while [ $# -gt 0 ]; do
    case $1 in
      --server) eku="serverAuth" ;;
      --client) eku="clientAuth" ;;
      --days) [ $# -ge 2 ] || usage; days=$2; shift ;;
      *) usage ;;
    esac
    shift
  done
  [ -f "$dir/int.key" ] && [ -f "$dir/int.pem" ] || die "no test CA in $dir (run: bin/test-ca.sh init $dir)"
  [ -f "$csr" ] || die "no CSR file $csr"
  openssl req -in "$csr" -noout -verify >/dev/null 2>&1 || die "$csr is not a valid CSR (its signature does not verify)"
  if openssl req -in "$csr" -noout -text | grep -q "Public Key Algorithm: rsaEncryption"; then
    ku="digitalSignature, keyEncipherment, dataEncipherment"
  else
    ku="digitalSignature"
  fi
  ext="$dir/leaf-$$.ext"
  trap 'rm -f "$ext" "$out.tmp"' EXIT
  cat > "$ext" <<EXT
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, $ku
extendedKeyUsage = $eku
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EXT
  # copy: the CSR's subjectAltName (and any extension not set above) comes along; the lines above win
  openssl x509 -req -sha256 -in "$csr" -CA "$dir/int.pem" -CAkey "$dir/int.key" -CAserial "$dir/int.srl" -CAcreateserial \
    -days "$days" -copy_extensions copy -extfile "$ext" -extensions leaf -out "$out.tmp" 2>/dev/null \
    || die "openssl could not sign $csr"
  cat "$out.tmp" "$dir/int.pem" > "$out"
  echo "signed $csr -> $out ($(openssl x509 -in "$out.tmp" -noout -subject); EKU $eku; leaf + intermediate)"
}

[ $# -ge 1 ] || usage
cmd=$1; shift
case $cmd in
  init) cmd_init "$@" ;;
  sign) cmd_sign "$@" ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
