/*
 * Phone client certificates for bench/boot-storm, fast: N certificates signed in-process by a test CA (openssl in a
 * shell loop costs ~20 ms a certificate; this costs ~0.1 ms with a fresh EC P-256 key each).
 *
 *   certgen CA.pem CA.key N OUTDIR [shared]
 *
 * Writes OUTDIR/phones.tsv (mac, model, serial: one phone a line, in certificate order), OUTDIR/phone-certs.pem (N
 * certificates, concatenated) and OUTDIR/phone-keys.pem (N PKCS#8 keys in the same order, or 1 key with "shared").
 * Every certificate is distinct (its own serial number, MAC, serial and key unless "shared"); the subject has the layout
 * of seed 003's example (SPEC P6) "OU=CP-8841-3PCC, L=88012BA01234, S=000e08abcdef": OU = product name, L = serial,
 * ST = MAC (12 lowercase hex), plus O and CN (the MAC). Extensions: basicConstraints CA:FALSE, keyUsage
 * digitalSignature, extendedKeyUsage clientAuth, SKI/AKI.
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *MODELS[] = {"CP-8841-3PCC", "CP-8851-3PCC", "CP-8861-3PCC", "CP-8845-3PCC", "CP-8865-3PCC",
                               "CP-7841-3PCC", "CP-7821-3PCC", "CP-7861-3PCC"};

static void die(const char *what) { fprintf(stderr, "certgen: %s\n", what); ERR_print_errors_fp(stderr); exit(1); }

static void ext(X509 *x, X509 *ca, int nid, const char *value) {
    X509V3_CTX c;
    X509V3_set_ctx(&c, ca, x, NULL, NULL, 0);
    X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &c, nid, value);
    if (!e || !X509_add_ext(x, e, -1)) die("extension");
    X509_EXTENSION_free(e);
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: certgen CA.pem CA.key N OUTDIR [shared]\n"); return 2; }
    FILE *f = fopen(argv[1], "r");
    if (!f) die("CA certificate");
    X509 *ca = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    f = fopen(argv[2], "r");
    if (!f) die("CA key");
    EVP_PKEY *cakey = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    if (!ca || !cakey) die("reading the CA");
    long n = atol(argv[3]);
    if (n < 1 || n > 1000000) die("N must be 1..1000000");
    int shared = argc > 5 && strcmp(argv[5], "shared") == 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/phone-certs.pem", argv[4]);
    FILE *certs = fopen(path, "w");
    snprintf(path, sizeof path, "%s/phone-keys.pem", argv[4]);
    FILE *keys = fopen(path, "w");
    snprintf(path, sizeof path, "%s/phones.tsv", argv[4]);
    FILE *tsv = fopen(path, "w");
    if (!certs || !keys || !tsv) die("output files");
    EVP_PKEY *key = NULL;
    for (long i = 0; i < n; i++) {
        if (!key || !shared) {
            if (key) EVP_PKEY_free(key);
            key = EVP_EC_gen("P-256");
            if (!key) die("key");
            if (!PEM_write_PrivateKey(keys, key, NULL, NULL, 0, NULL, NULL)) die("writing a key");
        }
        char mac[24], serial[24];
        const char *model = MODELS[i % (sizeof MODELS / sizeof *MODELS)];
        snprintf(mac, sizeof mac, "000e08%06lx", 0xa00000 + i);  /* a Cisco OUI, distinct per phone */
        snprintf(serial, sizeof serial, "FCH%08ld", 26000000 + i);
        X509 *x = X509_new();
        X509_set_version(x, 2);
        ASN1_INTEGER_set_int64(X509_get_serialNumber(x), 0x10000000L + i);
        X509_set_issuer_name(x, X509_get_subject_name(ca));
        X509_NAME *nm = X509_get_subject_name(x);
        X509_NAME_add_entry_by_txt(nm, "O", MBSTRING_ASC, (unsigned char *)"ucsec bench phones", -1, -1, 0);
        X509_NAME_add_entry_by_txt(nm, "OU", MBSTRING_ASC, (unsigned char *)model, -1, -1, 0);
        X509_NAME_add_entry_by_txt(nm, "L", MBSTRING_ASC, (unsigned char *)serial, -1, -1, 0);
        X509_NAME_add_entry_by_txt(nm, "ST", MBSTRING_ASC, (unsigned char *)mac, -1, -1, 0);
        X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_ASC, (unsigned char *)mac, -1, -1, 0);
        X509_gmtime_adj(X509_getm_notBefore(x), -3600);
        X509_gmtime_adj(X509_getm_notAfter(x), 30L * 86400);
        X509_set_pubkey(x, key);
        ext(x, ca, NID_basic_constraints, "critical,CA:FALSE");
        ext(x, ca, NID_key_usage, "critical,digitalSignature");
        ext(x, ca, NID_ext_key_usage, "clientAuth");
        ext(x, ca, NID_subject_key_identifier, "hash");
        ext(x, ca, NID_authority_key_identifier, "keyid:always");
        if (!X509_sign(x, cakey, EVP_sha256())) die("signing");
        if (!PEM_write_X509(certs, x)) die("writing a certificate");
        fprintf(tsv, "%s\t%s\t%s\n", mac, model, serial);
        X509_free(x);
    }
    fclose(certs);
    fclose(keys);
    fclose(tsv);
    fprintf(stderr, "certgen: %ld phone certificates, %s keys\n", n, shared ? "1 shared" : "distinct");
    return 0;
}
