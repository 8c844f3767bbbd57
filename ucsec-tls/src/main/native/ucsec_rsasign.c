/*
 * ucsec's RSA signer for the BoringSSL TLS engine (decision 0012): BoringSSL (netty-tcnative) hands the server's RSA
 * signature to org.ucsec.tls.transport.LibcryptoRsa, which signs here with the system's libcrypto 3 (its RSA-2048
 * private-key operation is about 2.3x faster than BoringSSL's on CPUs with AVX-512 IFMA).
 *
 * The key is handed in once per reload as PKCS#8 DER, parsed into an EVP_PKEY held in native memory (the DER copy is
 * cleansed at once) and freed by free(); nothing here logs or returns key material. sign() gets the raw message
 * BoringSSL wants signed (it is hashed here) and the TLS SignatureScheme code point.
 *
 * Built by build.sh (gcc, libssl-dev 3 headers), loaded by LibcryptoRsa; when it cannot load, BoringSSL signs.
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#if OPENSSL_VERSION_MAJOR < 3
#error "ucsec_rsasign needs the OpenSSL 3 headers (libssl-dev 3.x)"
#endif

static EVP_MD *md_sha1, *md_sha256, *md_sha384, *md_sha512;

static void throw_error(JNIEnv *env, const char *cls, const char *what) {
    char msg[320];
    unsigned long err = ERR_get_error();
    if (err) {
        char reason[256];
        ERR_error_string_n(err, reason, sizeof reason);
        snprintf(msg, sizeof msg, "%s: %s", what, reason);
    } else {
        snprintf(msg, sizeof msg, "%s", what);
    }
    ERR_clear_error();
    jclass c = (*env)->FindClass(env, cls);
    if (c != NULL) (*env)->ThrowNew(env, c, msg);
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void) vm; (void) reserved;
    /* fetched once: EVP_DigestSignInit would fetch them again on every signature */
    md_sha1 = EVP_MD_fetch(NULL, "SHA1", NULL);
    md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
    md_sha384 = EVP_MD_fetch(NULL, "SHA384", NULL);
    md_sha512 = EVP_MD_fetch(NULL, "SHA512", NULL);
    if (md_sha256 == NULL || md_sha384 == NULL || md_sha512 == NULL) return JNI_ERR;
    return JNI_VERSION_1_8;
}

JNIEXPORT jstring JNICALL Java_org_ucsec_tls_transport_LibcryptoRsa_version(JNIEnv *env, jclass cls) {
    (void) cls;
    return (*env)->NewStringUTF(env, OpenSSL_version(OPENSSL_VERSION));
}

JNIEXPORT jlong JNICALL Java_org_ucsec_tls_transport_LibcryptoRsa_load(JNIEnv *env, jclass cls, jbyteArray pkcs8) {
    (void) cls;
    jsize len = (*env)->GetArrayLength(env, pkcs8);
    if (len <= 0 || len > 16384) { throw_error(env, "java/security/InvalidKeyException", "not a PKCS#8 RSA private key"); return 0; }
    unsigned char *der = OPENSSL_secure_malloc(len);
    if (der == NULL) der = OPENSSL_malloc(len);
    if (der == NULL) { throw_error(env, "java/lang/OutOfMemoryError", "ucsec_rsasign"); return 0; }
    (*env)->GetByteArrayRegion(env, pkcs8, 0, len, (jbyte *) der);
    const unsigned char *p = der;
    PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, len);
    EVP_PKEY *key = info != NULL && p == der + len ? EVP_PKCS82PKEY(info) : NULL;
    PKCS8_PRIV_KEY_INFO_free(info);
    OPENSSL_cleanse(der, len);
    if (CRYPTO_secure_allocated(der)) OPENSSL_secure_free(der); else OPENSSL_free(der);
    if (key == NULL) { throw_error(env, "java/security/InvalidKeyException", "not a PKCS#8 private key"); return 0; }
    if (!EVP_PKEY_is_a(key, "RSA")) {
        EVP_PKEY_free(key);
        throw_error(env, "java/security/InvalidKeyException", "not an RSA (rsaEncryption) private key");
        return 0;
    }
    return (jlong) (intptr_t) key;
}

JNIEXPORT void JNICALL Java_org_ucsec_tls_transport_LibcryptoRsa_free(JNIEnv *env, jclass cls, jlong handle) {
    (void) env; (void) cls;
    EVP_PKEY_free((EVP_PKEY *) (intptr_t) handle); /* frees (and clears) the key's bignums */
}

/* TLS SignatureScheme code points (RFC 8446 4.2.3; BoringSSL's SSL_SIGN_* are the same values) */
#define RSA_PKCS1_SHA1 0x0201
#define RSA_PKCS1_SHA256 0x0401
#define RSA_PKCS1_SHA384 0x0501
#define RSA_PKCS1_SHA512 0x0601
#define RSA_PSS_RSAE_SHA256 0x0804
#define RSA_PSS_RSAE_SHA384 0x0805
#define RSA_PSS_RSAE_SHA512 0x0806

JNIEXPORT jbyteArray JNICALL Java_org_ucsec_tls_transport_LibcryptoRsa_sign(JNIEnv *env, jclass cls, jlong handle, jint scheme, jbyteArray input) {
    (void) cls;
    EVP_PKEY *key = (EVP_PKEY *) (intptr_t) handle;
    const EVP_MD *md;
    int pss = 0;
    switch (scheme) {
        case RSA_PKCS1_SHA1: md = md_sha1; break;
        case RSA_PKCS1_SHA256: md = md_sha256; break;
        case RSA_PKCS1_SHA384: md = md_sha384; break;
        case RSA_PKCS1_SHA512: md = md_sha512; break;
        case RSA_PSS_RSAE_SHA256: md = md_sha256; pss = 1; break;
        case RSA_PSS_RSAE_SHA384: md = md_sha384; pss = 1; break;
        case RSA_PSS_RSAE_SHA512: md = md_sha512; pss = 1; break;
        default: md = NULL;
    }
    if (md == NULL || key == NULL) {
        char what[96];
        snprintf(what, sizeof what, "signature scheme 0x%04x is not an RSA scheme this signer supports", (unsigned) scheme & 0xffff);
        throw_error(env, "java/security/NoSuchAlgorithmException", what);
        return NULL;
    }
    jsize in_len = (*env)->GetArrayLength(env, input);
    if (in_len < 0 || in_len > 65536) { throw_error(env, "java/security/SignatureException", "message to sign longer than 64 KB"); return NULL; }
    /* a copy, not GetPrimitiveArrayCritical: the signature takes a quarter millisecond, the GC is not held up for it */
    unsigned char *in = OPENSSL_malloc(in_len > 0 ? (size_t) in_len : 1);
    if (in == NULL) { throw_error(env, "java/lang/OutOfMemoryError", "ucsec_rsasign"); return NULL; }
    (*env)->GetByteArrayRegion(env, input, 0, in_len, (jbyte *) in);
    unsigned char sig[1024]; /* RSA-8192 at most: libcrypto refuses a buffer smaller than the modulus */
    size_t sig_len = 0;
    int ok = 0;
    EVP_PKEY_CTX *pctx = NULL;
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    if (mctx != NULL && EVP_DigestSignInit(mctx, &pctx, md, NULL, key) == 1
            && EVP_PKEY_CTX_set_rsa_padding(pctx, pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) == 1
            && (!pss || (EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) == 1))
            && (sig_len = sizeof sig, EVP_DigestSign(mctx, sig, &sig_len, in, (size_t) in_len) == 1)) {
        ok = 1;
    }
    OPENSSL_free(in);
    EVP_MD_CTX_free(mctx);
    if (!ok) { throw_error(env, "java/security/SignatureException", "libcrypto RSA signature failed"); return NULL; }
    jbyteArray out = (*env)->NewByteArray(env, (jsize) sig_len);
    if (out != NULL) (*env)->SetByteArrayRegion(env, out, 0, (jsize) sig_len, (const jbyte *) sig);
    return out;
}
