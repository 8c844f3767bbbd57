/*
 * TLS handshake load client (bench/tls-handshake): every connection is a new full handshake (no session cache, no
 * tickets), with a client certificate, ECDH on P-256, then close_notify and a wait for the server to close, so a
 * handshake counts only once the server has accepted the client certificate (in TLS 1.3 it decides after its Finished).
 *
 *   loadclient load HOST PORT CONCURRENCY SECONDS TLS(1.2|1.3) CERT KEY|- [CIPHER]
 *   loadclient idle HOST PORT COUNT 0 TLS CERT KEY     (opens COUNT connections, prints "IDLE n", waits for stdin EOF)
 *
 * Prints one line: ok=N fail=N secs=S rate=R p50_ms=X p99_ms=Y client_cpu_s=C
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *host;
static int port;
static double seconds;
static SSL_CTX *ctx;
static double deadline;

typedef struct { long ok, fail; double *lat; long nlat, cap; } stats_t;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static int tcp_connect(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct linger lg = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg); /* RST on close: no TIME_WAIT pile-up on loopback */
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, host, &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) { close(fd); return -1; }
    return fd;
}

/* One full handshake; 1 if the server accepted it (closed cleanly after our close_notify, no alert). */
static int handshake(int keep, SSL **out, int *outfd) {
    int fd = tcp_connect();
    if (fd < 0) return 0;
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    int ok = SSL_connect(ssl) == 1;
    if (ok && keep) { *out = ssl; *outfd = fd; return 1; }
    if (ok) {
        SSL_shutdown(ssl);
        char buf[256];
        int r;
        while ((r = SSL_read(ssl, buf, sizeof buf)) > 0) {}
        int e = SSL_get_error(ssl, r);
        ok = (e == SSL_ERROR_ZERO_RETURN) || (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0);
    }
    ERR_clear_error();
    SSL_free(ssl);
    close(fd);
    return ok;
}

static void *worker(void *arg) {
    stats_t *s = arg;
    while (now() < deadline) {
        double t0 = now();
        if (handshake(0, NULL, NULL)) {
            s->ok++;
            if (s->nlat == s->cap) { s->cap = s->cap ? s->cap * 2 : 4096; s->lat = realloc(s->lat, s->cap * sizeof(double)); }
            s->lat[s->nlat++] = (now() - t0) * 1000;
        } else {
            s->fail++;
            usleep(1000);
        }
    }
    return NULL;
}

static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }

static double cpu_self(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 9) { fprintf(stderr, "usage: see the header of loadclient.c\n"); return 2; }
    const char *mode = argv[1];
    host = argv[2];
    port = atoi(argv[3]);
    int n = atoi(argv[4]);
    seconds = atof(argv[5]);
    const char *tls = argv[6], *cert = argv[7], *key = argv[8];
    const char *cipher = argc > 9 ? argv[9] : "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";

    ctx = SSL_CTX_new(TLS_client_method());
    int v = strcmp(tls, "1.3") == 0 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(ctx, v);
    SSL_CTX_set_max_proto_version(ctx, v);
    SSL_CTX_set_cipher_list(ctx, cipher);
    SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256");
    SSL_CTX_set1_groups_list(ctx, "P-256");
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    /* nginx closes without a close_notify of its own: a plain EOF after ours is the server's clean close */
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* the server's cost is measured; the client spends no verify */
    if (strcmp(key, "-") != 0) {
        if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 || SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
            ERR_print_errors_fp(stderr);
            return 2;
        }
    }

    if (strcmp(mode, "idle") == 0) {
        long ok = 0;
        double t0 = now();
        for (int i = 0; i < n; i++) {
            SSL *s; int fd;
            if (handshake(1, &s, &fd)) ok++; /* kept open (and leaked on purpose) until we exit */
        }
        printf("IDLE %ld in %.1f s\n", ok, now() - t0);
        fflush(stdout);
        char c;
        while (read(0, &c, 1) > 0) {}
        return 0;
    }

    pthread_t th[1024];
    stats_t st[1024];
    memset(st, 0, sizeof st);
    if (n > 1024) n = 1024;
    double c0 = cpu_self(), t0 = now();
    deadline = t0 + seconds;
    for (int i = 0; i < n; i++) pthread_create(&th[i], NULL, worker, &st[i]);
    long ok = 0, fail = 0, nl = 0;
    for (int i = 0; i < n; i++) { pthread_join(th[i], NULL); ok += st[i].ok; fail += st[i].fail; nl += st[i].nlat; }
    double el = now() - t0;
    double *all = malloc((nl + 1) * sizeof(double));
    long k = 0;
    for (int i = 0; i < n; i++) { memcpy(all + k, st[i].lat, st[i].nlat * sizeof(double)); k += st[i].nlat; }
    qsort(all, nl, sizeof(double), cmp);
    double p50 = nl ? all[nl / 2] : 0, p99 = nl ? all[(long)(nl * 0.99)] : 0;
    printf("ok=%ld fail=%ld secs=%.2f rate=%.1f p50_ms=%.3f p99_ms=%.3f client_cpu_s=%.2f\n", ok, fail, el, ok / el, p50, p99, cpu_self() - c0);
    return 0;
}
