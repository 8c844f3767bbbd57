/*
 * Boot-storm load client (bench/boot-storm): N distinct phones, each with its own client certificate, fetch their
 * cfg.xml over HTTPS. Every request is a new TCP connection and a full TLS handshake (no session cache, no tickets),
 * then one `GET <url>` (HTTP/1.1, Connection: close); a request counts once the whole response is in. One process, one
 * epoll loop, non-blocking OpenSSL, up to CONC connections in flight (CONC = N: every phone at once, a boot storm).
 *
 *   bootstorm -p PORT -d PHONEDIR -u URLPATTERN [-h 127.0.0.1] [-c CONC] [-n REQUESTS | -t SECONDS] [-V 1.2|1.3]
 *             [-x CIPHERS] [-m] [-T TIMEOUT_S] [-s SNI] [-w DIR]
 *
 * PHONEDIR holds phones.tsv (mac, model, serial), phone-certs.pem and phone-keys.pem (one key per certificate, or one
 * key for all) as certgen writes them. URLPATTERN takes the phone's macros as the Cisco profile rule does: $MA (MAC,
 * lowercase hex), $MAU (uppercase), $MAC (lowercase with colons), $PN (product name), $SN (serial), e.g. '/$MA.xml'.
 * Phone i (0-based, i-th line) uses certificate i; requests take the phones in order, round robin.
 * -n REQUESTS: stop after that many requests (default: the number of phones: each phone once); -t SECONDS: start new
 * requests for that long instead. -m: a 200 counts as ok only if its body contains the phone's MAC (it got its own file).
 * -w DIR: save every 200 body as DIR/<request path> (how run.sh gives nginx ucsec's own rendering of each phone's file).
 *
 * Prints one line: ok=N fail=N bad=N secs=S rate=R p50_ms p99_ms max_ms hs_p50_ms hs_p99_ms client_cpu_s bytes_avg
 * statuses=200:N,... errors=connect:N,tls:N,read:N,timeout:N
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { S_FREE, S_CONNECT, S_HS, S_WRITE, S_READ };

typedef struct {
    int fd, state, phone;
    unsigned events;
    SSL *ssl;
    double t0, ths, idle_until; /* after a failure a slot rests 10 ms: a refusing server is not spun on */
    char *buf;
    size_t len, cap, hdr, clen, reqoff;
    int status, have_clen;
} conn_t;

typedef struct { char mac[16], model[64], serial[64], path[2048]; char *req; size_t reqlen; } phone_t;

static SSL_CTX *ctx;
static phone_t *phones;
static X509 **certs;
static EVP_PKEY **keys;
static long nphones, nkeys;
static int ep, check_mac;
static const char *save_dir; /* -w: write each 200 body to save_dir/<request path> (nginx's docroot: the same files) */
static struct sockaddr_in addr;
static const char *sni;
static double timeout_s = 60;
static long ok, fail, bad, started, e_connect, e_tls, e_read, e_timeout, status_n[600], active;
static double *lat, *hslat, bytes_sum;
static long nlat, latcap;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double cpu_self(void) {
    struct rusage u; getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}
static void die(const char *m) { fprintf(stderr, "bootstorm: %s\n", m); ERR_print_errors_fp(stderr); exit(2); }

static void want(conn_t *c, unsigned ev) {
    if (c->events == ev) return;
    struct epoll_event e = {.events = ev, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
    c->events = ev;
}

static void finish(conn_t *c, int result) { /* result: 1 ok, 0 bad answer, -1 failed (errors counted by the caller) */
    if (result == 1) {
        ok++;
        if (nlat == latcap) {
            latcap = latcap ? latcap * 2 : 65536;
            lat = realloc(lat, latcap * sizeof *lat); hslat = realloc(hslat, latcap * sizeof *hslat);
        }
        double t = now();
        lat[nlat] = (t - c->t0) * 1000; hslat[nlat] = (c->ths - c->t0) * 1000; nlat++;
        bytes_sum += c->len;
    } else if (result == 0) bad++;
    else { fail++; c->idle_until = now() + 0.01; }
    if (c->ssl) SSL_free(c->ssl);
    close(c->fd); /* SO_LINGER 0: RST, no TIME_WAIT pile-up on loopback */
    c->ssl = NULL; c->state = S_FREE; c->len = 0;
    active--;
}

static int ssl_wait(conn_t *c, int r, long *counter) {
    int e = SSL_get_error(c->ssl, r);
    if (e == SSL_ERROR_WANT_READ) { want(c, EPOLLIN); return 1; }
    if (e == SSL_ERROR_WANT_WRITE) { want(c, EPOLLOUT); return 1; }
    if (*counter < 3 && e_tls + e_read < 3) { fprintf(stderr, "bootstorm: phone %s: SSL error %d: ", phones[c->phone].mac, e); ERR_print_errors_fp(stderr); fputc('\n', stderr); }
    ERR_clear_error();
    (*counter)++;
    finish(c, -1);
    return 0;
}

/* headers parsed; 1 when the whole response is in */
static int parse(conn_t *c) {
    if (!c->hdr) {
        char *e = memmem(c->buf, c->len, "\r\n\r\n", 4);
        if (!e) return 0;
        c->hdr = e - c->buf + 4;
        c->status = (c->len > 12 && !memcmp(c->buf, "HTTP/1.", 7)) ? atoi(c->buf + 9) : 0;
        c->buf[c->hdr - 1] = 0;
        for (char *p = c->buf; p && p < c->buf + c->hdr; p = strstr(p, "\r\n")) {
            if (*p == '\r') p += 2;
            if (!strncasecmp(p, "Content-Length:", 15)) { c->clen = strtoul(p + 15, NULL, 10); c->have_clen = 1; }
        }
        c->buf[c->hdr - 1] = '\n';
    }
    return c->have_clen && c->len - c->hdr >= c->clen;
}

static void done_response(conn_t *c) {
    if (c->status > 0 && c->status < 600) status_n[c->status]++;
    int good = c->status == 200;
    if (good && check_mac) good = memmem(c->buf + c->hdr, c->len - c->hdr, phones[c->phone].mac, 12) != NULL;
    if (good && save_dir) {
        char fn[4096];
        snprintf(fn, sizeof fn, "%s/%s", save_dir, phones[c->phone].path + (phones[c->phone].path[0] == '/'));
        FILE *o = fopen(fn, "w");
        if (!o || fwrite(c->buf + c->hdr, 1, c->len - c->hdr, o) != c->len - c->hdr) die("-w: writing a body (its directory must exist)");
        fclose(o);
    }
    finish(c, good ? 1 : 0);
}

static void step(conn_t *c) {
    int r;
    switch (c->state) {
    case S_CONNECT: {
        int err = 0; socklen_t l = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
        if (err) { e_connect++; finish(c, -1); return; }
        c->ssl = SSL_new(ctx);
        if (SSL_use_certificate(c->ssl, certs[c->phone]) != 1 || SSL_use_PrivateKey(c->ssl, keys[nkeys == 1 ? 0 : c->phone]) != 1) die("phone key");
        if (sni) SSL_set_tlsext_host_name(c->ssl, sni);
        SSL_set_fd(c->ssl, c->fd);
        SSL_set_connect_state(c->ssl);
        c->state = S_HS;
    } /* fall through */
    case S_HS:
        r = SSL_do_handshake(c->ssl);
        if (r != 1) { ssl_wait(c, r, &e_tls); return; }
        c->ths = now();
        c->state = S_WRITE; c->reqoff = 0;
        /* fall through */
    case S_WRITE: {
        phone_t *p = &phones[c->phone];
        r = SSL_write(c->ssl, p->req, p->reqlen);
        if (r <= 0) { ssl_wait(c, r, &e_tls); return; }
        c->state = S_READ; c->len = c->hdr = c->clen = 0; c->have_clen = 0; c->status = 0;
        want(c, EPOLLIN);
    } /* fall through */
    case S_READ:
        for (;;) {
            if (c->cap - c->len < 16384) { c->cap = c->cap ? c->cap * 2 : 32768; c->buf = realloc(c->buf, c->cap); }
            if (c->cap > (8 << 20)) { e_read++; finish(c, -1); return; }
            r = SSL_read(c->ssl, c->buf + c->len, c->cap - c->len - 1);
            if (r > 0) { c->len += r; if (parse(c)) { done_response(c); return; } continue; }
            int e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_WANT_READ) { want(c, EPOLLIN); return; }
            if ((e == SSL_ERROR_ZERO_RETURN || e == SSL_ERROR_SYSCALL) && c->hdr && !c->have_clen) { ERR_clear_error(); done_response(c); return; }
            ssl_wait(c, r, &e_read); return;
        }
    }
}

static void start(conn_t *c) {
    c->phone = started++ % nphones;
    c->t0 = now();
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (c->fd < 0) die("socket (ulimit -n?)");
    int one = 1; struct linger lg = {1, 0};
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    c->state = S_CONNECT; c->events = EPOLLOUT; active++;
    struct epoll_event e = {.events = EPOLLOUT, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &e);
    if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS) { e_connect++; finish(c, -1); }
}

static void expand(const char *pat, phone_t *p, char *out, size_t cap) {
    char macc[24];
    snprintf(macc, sizeof macc, "%.2s:%.2s:%.2s:%.2s:%.2s:%.2s", p->mac, p->mac + 2, p->mac + 4, p->mac + 6, p->mac + 8, p->mac + 10);
    char mau[16]; for (int i = 0; i < 13; i++) mau[i] = (p->mac[i] >= 'a' && p->mac[i] <= 'f') ? p->mac[i] - 32 : p->mac[i];
    size_t o = 0;
    while (*pat && o < cap - 64) {
        const char *v = NULL; int skip = 0;
        if (!strncmp(pat, "$MAU", 4)) { v = mau; skip = 4; }
        else if (!strncmp(pat, "$MAC", 4)) { v = macc; skip = 4; }
        else if (!strncmp(pat, "$MA", 3)) { v = p->mac; skip = 3; }
        else if (!strncmp(pat, "$PN", 3)) { v = p->model; skip = 3; }
        else if (!strncmp(pat, "$SN", 3)) { v = p->serial; skip = 3; }
        if (v) { o += snprintf(out + o, cap - o, "%s", v); pat += skip; } else out[o++] = *pat++;
    }
    out[o] = 0;
}

static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }
static double pct(double *v, long n, double q) { return n ? v[(long)(n * q) < n ? (long)(n * q) : n - 1] : 0; }

int main(int argc, char **argv) {
    const char *host = "127.0.0.1", *dir = NULL, *url = NULL, *tls = "1.2";
    const char *cipher = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";
    int port = 0, conc = 0, o;
    long total = -1; double seconds = 0;
    while ((o = getopt(argc, argv, "h:p:d:u:c:n:t:V:x:mT:s:w:")) != -1) switch (o) {
        case 'w': save_dir = optarg; break;
        case 'h': host = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 'd': dir = optarg; break;
        case 'u': url = optarg; break;
        case 'c': conc = atoi(optarg); break;
        case 'n': total = atol(optarg); break;
        case 't': seconds = atof(optarg); break;
        case 'V': tls = optarg; break;
        case 'x': cipher = optarg; break;
        case 'm': check_mac = 1; break;
        case 'T': timeout_s = atof(optarg); break;
        case 's': sni = optarg; break;
        default: fprintf(stderr, "usage: see the header of bootstorm.c\n"); return 2;
    }
    if (!port || !dir || !url) { fprintf(stderr, "usage: see the header of bootstorm.c\n"); return 2; }
    char path[4096], line[512];
    snprintf(path, sizeof path, "%s/phones.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) die("phones.tsv");
    long cap = 1024; phones = calloc(cap, sizeof *phones);
    while (fgets(line, sizeof line, f)) {
        if (nphones == cap) { cap *= 2; phones = realloc(phones, cap * sizeof *phones); }
        phone_t *p = &phones[nphones];
        if (sscanf(line, "%15s %63s %63s", p->mac, p->model, p->serial) != 3) continue;
        char u[2048], req[4096];
        expand(url, p, u, sizeof u);
        snprintf(p->path, sizeof p->path, "%s", u);
        int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUser-Agent: Cisco-%s/11.3.7 (%s)\r\nAccept: */*\r\nConnection: close\r\n\r\n",
                         u, host, port, p->model, p->mac);
        p->req = strdup(req); p->reqlen = n;
        nphones++;
    }
    fclose(f);
    certs = malloc(nphones * sizeof *certs); keys = malloc(nphones * sizeof *keys);
    snprintf(path, sizeof path, "%s/phone-certs.pem", dir);
    if (!(f = fopen(path, "r"))) die("phone-certs.pem");
    for (long i = 0; i < nphones; i++) if (!(certs[i] = PEM_read_X509(f, NULL, NULL, NULL))) die("fewer certificates than phones");
    fclose(f);
    snprintf(path, sizeof path, "%s/phone-keys.pem", dir);
    if (!(f = fopen(path, "r"))) die("phone-keys.pem");
    while (nkeys < nphones && (keys[nkeys] = PEM_read_PrivateKey(f, NULL, NULL, NULL))) nkeys++;
    ERR_clear_error();
    fclose(f);
    if (nkeys != 1 && nkeys != nphones) die("phone-keys.pem: one key, or one per certificate");
    if (total < 0) total = seconds > 0 ? 0 : nphones;
    if (conc <= 0) conc = total > 0 && total < nphones ? total : nphones;

    addr.sin_family = AF_INET; addr.sin_port = htons(port);
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) die("host: an IPv4 address");
    signal(SIGPIPE, SIG_IGN); /* a server that dies or resets mid-write is counted, not fatal */
    ctx = SSL_CTX_new(TLS_client_method());
    int v = strcmp(tls, "1.3") == 0 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(ctx, v); SSL_CTX_set_max_proto_version(ctx, v);
    SSL_CTX_set_cipher_list(ctx, cipher);
    SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256");
    SSL_CTX_set1_groups_list(ctx, "P-256");
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* the servers' cost is measured; the client spends no chain verify */

    ep = epoll_create1(0);
    conn_t *cs = calloc(conc, sizeof *cs);
    struct epoll_event evs[1024];
    double c0 = cpu_self(), t0 = now(), deadline = t0 + seconds, last_scan = t0, tend = t0;
    for (;;) {
        double t = now();
        int more = total > 0 ? started < total : t < deadline;
        if (more) for (int i = 0; i < conc && (total > 0 ? started < total : 1); i++) if (cs[i].state == S_FREE && cs[i].idle_until <= t) start(&cs[i]);
        if (!more && active == 0) break;
        int k = epoll_wait(ep, evs, 1024, active ? 50 : 10);
        for (int i = 0; i < k; i++) { conn_t *c = evs[i].data.ptr; if (c->state != S_FREE) step(c); }
        t = now();
        if (k > 0) tend = t;
        if (t - last_scan > 0.5) {
            last_scan = t;
            for (int i = 0; i < conc; i++) if (cs[i].state != S_FREE && t - cs[i].t0 > timeout_s) { e_timeout++; finish(&cs[i], -1); }
        }
    }
    double el = tend - t0, ccpu = cpu_self() - c0;
    qsort(lat, nlat, sizeof *lat, cmp); qsort(hslat, nlat, sizeof *hslat, cmp);
    char st[4096] = ""; size_t so = 0;
    for (int s = 100; s < 600; s++) if (status_n[s]) so += snprintf(st + so, sizeof st - so, "%s%d:%ld", so ? "," : "", s, status_n[s]);
    printf("ok=%ld fail=%ld bad=%ld secs=%.3f rate=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f hs_p50_ms=%.2f hs_p99_ms=%.2f "
           "client_cpu_s=%.2f bytes_avg=%.0f phones=%ld conc=%d statuses=%s errors=connect:%ld,tls:%ld,read:%ld,timeout:%ld\n",
           ok, fail, bad, el, ok / el, pct(lat, nlat, 0.5), pct(lat, nlat, 0.99), nlat ? lat[nlat - 1] : 0,
           pct(hslat, nlat, 0.5), pct(hslat, nlat, 0.99), ccpu, nlat ? bytes_sum / nlat : 0, nphones, conc, so ? st : "-",
           e_connect, e_tls, e_read, e_timeout);
    return 0;
}
