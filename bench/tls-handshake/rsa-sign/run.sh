#!/usr/bin/env bash
# RSA-2048 signature cost, each on core 0: BoringSSL (netty-tcnative-boringssl-static, the .so ucsec loads), libcrypto 3
# in C, libcrypto 3 through ucsec's JNI signer inside the JVM, the JDK's signer, and `openssl speed rsa2048` with and
# without AVX-512 IFMA. Evidence for decision 0012. Needs gcc, libssl-dev, binutils (nm), a built ucsec-tls
# (bench/tls-handshake/run.sh builds it and writes target/cp.txt). Output: bench/tls-handshake/target/rsa-sign.txt
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../../.." && pwd); OUT="$HERE/../target"; N=${N:-3000}
cd "$ROOT"; . bin/jdk.sh; ucsec_pick_jdk >/dev/null
JAR=$(tr : '\n' < "$OUT/cp.txt" | grep 'netty-tcnative-boringssl-static-.*-linux-x86_64.jar')
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
(cd "$W" && unzip -q "$JAR" 'META-INF/native/libnetty_tcnative_linux_x86_64.so')
SO="$W/META-INF/native/libnetty_tcnative_linux_x86_64.so"
off() { nm "$SO" | awk -v s="$1" '$3 == s && $2 ~ /[tT]/ {print $1; exit}'; }
openssl rsa -in "$OUT/pki/server-rsa.key" -traditional -outform DER -out "$W/rsa.der" 2>/dev/null
gcc -O2 -o "$W/bench" "$HERE/boringssl-vs-libcrypto.c" -ldl -lcrypto
CP="$ROOT/ucsec-tls/target/classes:$ROOT/ucsec-pki/target/classes:$ROOT/ucsec-core/target/classes:$(cat "$OUT/cp.txt")"
javac -d "$W/classes" -cp "$CP" "$HERE/RsaSignSpeed.java"
{
  echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-); avx512ifma: $(grep -qw avx512ifma /proc/cpuinfo && echo yes || echo no)"
  (cd "$W" && taskset -c 0 ./bench "$SO" "$N" "$(off CRYPTO_library_init)" "$(off RSA_private_key_from_bytes)" "$(off RSA_sign)")
  taskset -c 0 java -cp "$W/classes:$CP" org.ucsec.tls.transport.RsaSignSpeed "$OUT/pki/server-rsa.key" "$N" 2>/dev/null
  echo "openssl speed rsa2048 (sign/s): $(taskset -c 0 openssl speed -seconds 2 rsa2048 2>/dev/null | awk '/^rsa 2048/ {print $6}')"
  echo "openssl speed rsa2048 without AVX-512 IFMA, OPENSSL_ia32cap=:~0x200000 (sign/s): $(OPENSSL_ia32cap=':~0x200000' taskset -c 0 openssl speed -seconds 2 rsa2048 2>/dev/null | awk '/^rsa 2048/ {print $6}')"
} | tee "$OUT/rsa-sign.txt"
