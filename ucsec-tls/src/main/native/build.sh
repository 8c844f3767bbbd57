#!/usr/bin/env bash
# Builds libucsec_rsasign.so (ucsec_rsasign.c) into the module's classes, where LibcryptoRsa finds it (decision 0012).
# Run by Maven (exec-maven-plugin, generate-resources) as: build.sh OUTPUT_DIR. Needs gcc and the OpenSSL 3 headers
# (Debian: apt-get install gcc libssl-dev; .ci/run installs them). Only linux-x86_64 is built; elsewhere, or with
# UCSEC_NATIVE_SKIP=1, nothing is built and BoringSSL signs RSA as before (LibcryptoRsa logs why, once).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?output directory}/org/ucsec/tls/transport/native/linux-x86_64
if [ "${UCSEC_NATIVE_SKIP:-0}" = 1 ]; then echo "ucsec_rsasign: UCSEC_NATIVE_SKIP=1, not built"; exit 0; fi
if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then echo "ucsec_rsasign: $(uname -s)-$(uname -m) is not linux-x86_64, not built"; exit 0; fi
JH=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
command -v gcc >/dev/null || { echo "ucsec_rsasign: gcc is missing (apt-get install gcc libssl-dev), or set UCSEC_NATIVE_SKIP=1" >&2; exit 1; }
[ -f /usr/include/openssl/evp.h ] || [ -f /usr/local/include/openssl/evp.h ] || { echo "ucsec_rsasign: OpenSSL 3 headers are missing (apt-get install libssl-dev), or set UCSEC_NATIVE_SKIP=1" >&2; exit 1; }
mkdir -p "$OUT"
SRC="$HERE/ucsec_rsasign.c"; LIB="$OUT/libucsec_rsasign.so"
if [ -f "$LIB" ] && [ "$LIB" -nt "$SRC" ] && [ "$LIB" -nt "$0" ]; then exit 0; fi
gcc -std=c11 -O2 -fPIC -shared -Wall -Wextra -Werror -fstack-protector-strong -D_FORTIFY_SOURCE=2 -Wl,-z,relro,-z,now -Wl,--no-undefined \
  -I"$JH/include" -I"$JH/include/linux" -o "$LIB.tmp" "$SRC" -lcrypto
mv "$LIB.tmp" "$LIB"
echo "ucsec_rsasign: built $LIB"
