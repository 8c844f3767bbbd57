/*
 * Registration-storm load client (bench/reg-storm): N SIP devices over TLS, each with its own credentials, REGISTER.
 * One process, one epoll loop, non-blocking OpenSSL 3.
 *
 *   regstorm -p PORT -f DEVICES.csv -a bearer|digest -m handshake|persistent [-h 127.0.0.1] [-c CONC]
 *            [-n REGISTRATIONS | -t SECONDS] [-V 1.2|1.3] [-x CIPHERS] [-D DOMAIN] [-e EXPIRES] [-N 0|1] [-T TIMEOUT_S]
 *
 * DEVICES.csv: sipp's injection format (-inf): an optional first line SEQUENTIAL/RANDOM, then "user;secret" lines:
 *   bearer: secret = the device's access token, sent as "Authorization: Bearer <token>" (RFC 8898) in every REGISTER;
 *   digest: secret = the SIP password; the first REGISTER goes without credentials, the 401's WWW-Authenticate nonce
 *           is answered (RFC 3261 22.4, RFC 2617 MD5, qop=auth when offered, with nc/cnonce).
 * Modes:
 *   handshake:  every registration is a new TCP connection + full TLS handshake (no session cache, no tickets), the
 *               REGISTER exchange (digest: REGISTER, 401, REGISTER, 200: a device that just booted), then close.
 *               CONC registrations in flight, devices in turn.
 *   persistent: first every device opens its TLS connection and registers (the "initial" phase: reported apart,
 *               CONC at a time), then re-registrations (same Call-ID, CSeq+1) on those connections, CONC in flight,
 *               devices in turn. Digest: with -N 1 (default) a device answers with the nonce of its last challenge
 *               and nc+1 (a phone refreshing), a 401 (stale) is answered again; -N 0: a fresh challenge every time.
 * A registration counts once its 200 OK is in. -n: stop after that many (default: one per device); -t: run that long.
 *
 * Prints one line per phase: phase=P ok=N fail=N bad=N secs=S rate=R p50_ms p99_ms max_ms challenges=N
 * client_cpu_s statuses=200:N,... errors=connect:N,tls:N,read:N,timeout:N,closed:N
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/evp.h>
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

enum { S_FREE, S_CONNECT, S_HS, S_IDLE, S_WAIT };

typedef struct {
    char user[64], *secret, ha1[33], realm[128], nonce[256], opaque[256];
    unsigned nc;
    int qop, have_nonce;
    long cseq;
} device_t;

typedef struct {
    int fd, state, dev, lport;
    unsigned events;
    SSL *ssl;
    double t0;            /* start of the registration being measured */
    int busy;             /* a registration in flight */
    int chal;             /* 401s answered in this registration */
    char *buf;
    size_t len, cap;
    double idle_until;
} conn_t;

static SSL_CTX *ctx;
static device_t *devs;
static long ndev;
static int ep, bearer, persistent, fresh_nonce, expires = 3600;
static const char *domain = "bench.example.com";
static struct sockaddr_in addr;
static double timeout_s = 30;
/* per-phase counters */
static long ok, fail, bad, challenges, e_connect, e_tls, e_read, e_timeout, e_closed, status_n[700], active;
static double *lat;
static long nlat, latcap;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static double cpu_self(void) {
    struct rusage u; getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}
static void die(const char *m) { fprintf(stderr, "regstorm: %s\n", m); ERR_print_errors_fp(stderr); exit(2); }

static void md5hex(const char *s, char out[33]) {
    unsigned char d[16]; unsigned int n = 16;
    EVP_Digest(s, strlen(s), d, &n, EVP_md5(), NULL);
    for (int i = 0; i < 16; i++) sprintf(out + 2 * i, "%02x", d[i]);
}

static void want(conn_t *c, unsigned ev) {
    if (c->events == ev) return;
    struct epoll_event e = {.events = ev, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
    c->events = ev;
}

static void close_conn(conn_t *c) { /* close_notify and FIN, as a device that is done (TIME_WAIT: loopback reuses it) */
    if (c->ssl) { if (c->state >= S_IDLE) SSL_shutdown(c->ssl); SSL_free(c->ssl); }
    if (c->fd >= 0) close(c->fd);
    c->ssl = NULL; c->fd = -1; c->state = S_FREE; c->len = 0;
    if (c->busy) active--;
    c->busy = 0;
}

static void failed(conn_t *c, long *counter) {
    (*counter)++; fail++;
    c->idle_until = now() + 0.01;
    close_conn(c);
}

static void registered(conn_t *c) {
    ok++;
    if (nlat == latcap) { latcap = latcap ? latcap * 2 : 65536; lat = realloc(lat, latcap * sizeof *lat); }
    lat[nlat++] = (now() - c->t0) * 1000;
    c->busy = 0; active--;
    if (!persistent) close_conn(c); else { c->state = S_IDLE; want(c, EPOLLIN); }
}

/* write the whole message (a few hundred bytes: one SSL_write on loopback) */
static int send_register(conn_t *c) {
    device_t *d = &devs[c->dev];
    char auth[4096] = "", msg[8192];
    d->cseq++;
    if (bearer) snprintf(auth, sizeof auth, "Authorization: Bearer %s\r\n", d->secret);
    else if (d->have_nonce) {
        char ha2[33], resp[33], buf[1024], uri[160], cnonce[17];
        snprintf(uri, sizeof uri, "sip:%s", domain);
        if (!d->ha1[0]) { snprintf(buf, sizeof buf, "%s:%s:%s", d->user, d->realm, d->secret); md5hex(buf, d->ha1); }
        snprintf(buf, sizeof buf, "REGISTER:%s", uri); md5hex(buf, ha2);
        if (d->qop) {
            d->nc++;
            snprintf(cnonce, sizeof cnonce, "%08lx%08x", (long)c->dev, d->nc * 2654435761u);
            snprintf(buf, sizeof buf, "%s:%s:%08x:%s:auth:%s", d->ha1, d->nonce, d->nc, cnonce, ha2); md5hex(buf, resp);
            snprintf(auth, sizeof auth, "Authorization: Digest username=\"%s\", realm=\"%s\", nonce=\"%s\", uri=\"%s\", response=\"%s\", algorithm=MD5, qop=auth, nc=%08x, cnonce=\"%s\"%s%s%s\r\n",
                     d->user, d->realm, d->nonce, uri, resp, d->nc, cnonce, d->opaque[0] ? ", opaque=\"" : "", d->opaque, d->opaque[0] ? "\"" : "");
        } else {
            snprintf(buf, sizeof buf, "%s:%s:%s", d->ha1, d->nonce, ha2); md5hex(buf, resp);
            snprintf(auth, sizeof auth, "Authorization: Digest username=\"%s\", realm=\"%s\", nonce=\"%s\", uri=\"%s\", response=\"%s\", algorithm=MD5%s%s%s\r\n",
                     d->user, d->realm, d->nonce, uri, resp, d->opaque[0] ? ", opaque=\"" : "", d->opaque, d->opaque[0] ? "\"" : "");
        }
    }
    int n = snprintf(msg, sizeof msg,
        "REGISTER sip:%s SIP/2.0\r\n"
        "Via: SIP/2.0/TLS 127.0.0.1:%d;branch=z9hG4bK-rs%ld-%ld;rport\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:%s@%s>;tag=rs%ld\r\n"
        "To: <sip:%s@%s>\r\n"
        "Call-ID: rs%ld-%s@127.0.0.1\r\n"
        "CSeq: %ld REGISTER\r\n"
        "Contact: <sip:%s@127.0.0.1:%d;transport=tls>\r\n"
        "Expires: %d\r\n"
        "%s"
        "User-Agent: regstorm\r\n"
        "Content-Length: 0\r\n\r\n",
        domain, c->lport, (long)c->dev, d->cseq, d->user, domain, (long)c->dev, d->user, domain, (long)c->dev, d->user,
        d->cseq, d->user, c->lport, expires, auth);
    int r = SSL_write(c->ssl, msg, n);
    if (r != n) { e_tls++; fail++; close_conn(c); return 0; }
    c->state = S_WAIT;
    want(c, EPOLLIN);
    return 1;
}

static void begin(conn_t *c) { /* a new registration on an established connection */
    c->busy = 1; active++; c->t0 = now(); c->chal = 0;
    if (!persistent || fresh_nonce) devs[c->dev].have_nonce = 0;
    send_register(c);
}

static const char *param(const char *h, const char *name, char *out, size_t cap) {
    const char *p = h;
    size_t nl = strlen(name);
    while ((p = strcasestr(p, name))) {
        if ((p == h || p[-1] == ' ' || p[-1] == ',') && p[nl] == '=') {
            p += nl + 1;
            size_t o = 0;
            if (*p == '"') { p++; while (*p && *p != '"' && o < cap - 1) out[o++] = *p++; }
            else while (*p && *p != ',' && *p != '\r' && *p != ' ' && o < cap - 1) out[o++] = *p++;
            out[o] = 0;
            return out;
        }
        p += nl;
    }
    out[0] = 0;
    return NULL;
}

/* one complete response in c->buf[0..end) */
static void on_response(conn_t *c, char *m, size_t end) {
    int status = (end > 12 && !strncmp(m, "SIP/2.0 ", 8)) ? atoi(m + 8) : 0;
    if (status == 0) return;                  /* a request from the server (keep-alive, NOTIFY): not ours to count */
    if (status >= 100 && status < 200) return;
    if (status > 0 && status < 700) status_n[status]++;
    if (!c->busy) return; /* nothing asked (should not happen) */
    device_t *d = &devs[c->dev];
    if (status == 200) { registered(c); return; }
    if (status == 401 && !bearer) {
        char *w = strcasestr(m, "\nWWW-Authenticate:");
        if (w && (size_t)(w - m) < end) {
            char *eol = strstr(w + 1, "\r\n"); char save = 0;
            if (eol) { save = *eol; *eol = 0; }
            char realm[128], qop[64];
            param(w, "nonce", d->nonce, sizeof d->nonce);
            param(w, "opaque", d->opaque, sizeof d->opaque);
            param(w, "realm", realm, sizeof realm);
            param(w, "qop", qop, sizeof qop);
            if (eol) *eol = save;
            if (strcmp(realm, d->realm)) { snprintf(d->realm, sizeof d->realm, "%s", realm); d->ha1[0] = 0; }
            d->qop = strstr(qop, "auth") != NULL;
            d->nc = 0; d->have_nonce = 1;
            challenges++;
            if (++c->chal <= 2) { send_register(c); return; }  /* a third 401 in a row: the credentials are refused */
        }
    }
    bad++;
    if (bad <= 3) fprintf(stderr, "regstorm: device %s: %.*s\n", d->user, (int)(strchr(m, '\r') ? strchr(m, '\r') - m : 40), m);
    c->busy = 0; active--;
    if (!persistent) close_conn(c); else c->state = S_IDLE;
}

static void read_conn(conn_t *c) {
    for (;;) {
        if (c->cap - c->len < 4096) { c->cap = c->cap ? c->cap * 2 : 8192; c->buf = realloc(c->buf, c->cap); }
        int r = SSL_read(c->ssl, c->buf + c->len, c->cap - c->len - 1);
        if (r <= 0) {
            int e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_WANT_READ) { want(c, EPOLLIN); return; }
            if (e == SSL_ERROR_WANT_WRITE) { want(c, EPOLLOUT); return; }
            ERR_clear_error();
            failed(c, e == SSL_ERROR_ZERO_RETURN || e == SSL_ERROR_SYSCALL ? &e_closed : &e_read);
            return;
        }
        c->len += r; c->buf[c->len] = 0;
        for (;;) { /* every complete message */
            char *h = memmem(c->buf, c->len, "\r\n\r\n", 4);
            if (!h) break;
            size_t hl = h - c->buf + 4, cl = 0;
            char *p = strcasestr(c->buf, "\nContent-Length:");
            if (!p || p > h) p = strcasestr(c->buf, "\nl:");
            if (p && p < h) cl = strtoul(strchr(p, ':') + 1, NULL, 10);
            if (c->len < hl + cl) break;
            char save = c->buf[hl + cl]; c->buf[hl + cl] = 0;
            on_response(c, c->buf, hl + cl);
            if (c->state == S_FREE) return;
            c->buf[hl + cl] = save;
            memmove(c->buf, c->buf + hl + cl, c->len - hl - cl); c->len -= hl + cl; c->buf[c->len] = 0;
        }
    }
}

static void step(conn_t *c) {
    switch (c->state) {
    case S_CONNECT: {
        int err = 0; socklen_t l = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
        if (err) { failed(c, &e_connect); return; }
        struct sockaddr_in la; socklen_t ll = sizeof la;
        getsockname(c->fd, (struct sockaddr *)&la, &ll); c->lport = ntohs(la.sin_port);
        c->ssl = SSL_new(ctx);
        SSL_set_fd(c->ssl, c->fd);
        SSL_set_connect_state(c->ssl);
        c->state = S_HS;
    } /* fall through */
    case S_HS: {
        int r = SSL_do_handshake(c->ssl);
        if (r != 1) {
            int e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_WANT_READ) want(c, EPOLLIN);
            else if (e == SSL_ERROR_WANT_WRITE) want(c, EPOLLOUT);
            else { if (e_tls < 3) { fprintf(stderr, "regstorm: TLS: "); ERR_print_errors_fp(stderr); fputc('\n', stderr); } ERR_clear_error(); failed(c, &e_tls); }
            return;
        }
        double t0 = c->t0; /* a registration's time includes its connect and handshake */
        c->busy = 0; active--;
        begin(c);
        if (c->state != S_FREE) c->t0 = t0;
        return;
    }
    case S_IDLE:
    case S_WAIT:
        read_conn(c);
        return;
    }
}

static void start(conn_t *c, int dev) {
    c->dev = dev; c->t0 = now(); c->busy = 1; active++;
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (c->fd < 0) die("socket (ulimit -n?)");
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->state = S_CONNECT; c->events = EPOLLOUT;
    struct epoll_event e = {.events = EPOLLOUT, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &e);
    if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS) failed(c, &e_connect);
}

static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }
static double pct(double q) { return nlat ? lat[(long)(nlat * q) < nlat ? (long)(nlat * q) : nlat - 1] : 0; }

static void report(const char *phase, double secs, double ccpu, int conc) {
    qsort(lat, nlat, sizeof *lat, cmp);
    char st[2048] = ""; size_t so = 0;
    for (int s = 100; s < 700; s++) if (status_n[s]) so += snprintf(st + so, sizeof st - so, "%s%d:%ld", so ? "," : "", s, status_n[s]);
    printf("phase=%s ok=%ld fail=%ld bad=%ld secs=%.3f rate=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f challenges=%ld client_cpu_s=%.2f devices=%ld conc=%d "
           "statuses=%s errors=connect:%ld,tls:%ld,read:%ld,timeout:%ld,closed:%ld\n",
           phase, ok, fail, bad, secs, secs > 0 ? ok / secs : 0, pct(0.5), pct(0.99), nlat ? lat[nlat - 1] : 0, challenges, ccpu, ndev, conc,
           so ? st : "-", e_connect, e_tls, e_read, e_timeout, e_closed);
    fflush(stdout);
    ok = fail = bad = challenges = e_connect = e_tls = e_read = e_timeout = e_closed = nlat = 0;
    memset(status_n, 0, sizeof status_n);
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1", *file = NULL, *auth = NULL, *mode = NULL, *tls = "1.2";
    const char *cipher = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";
    int port = 0, conc = 256, o;
    long total = -1; double seconds = 0;
    fresh_nonce = 0;
    while ((o = getopt(argc, argv, "h:p:f:a:m:c:n:t:V:x:D:e:N:T:")) != -1) switch (o) {
        case 'h': host = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 'f': file = optarg; break;
        case 'a': auth = optarg; break;
        case 'm': mode = optarg; break;
        case 'c': conc = atoi(optarg); break;
        case 'n': total = atol(optarg); break;
        case 't': seconds = atof(optarg); break;
        case 'V': tls = optarg; break;
        case 'x': cipher = optarg; break;
        case 'D': domain = optarg; break;
        case 'e': expires = atoi(optarg); break;
        case 'N': fresh_nonce = !atoi(optarg); break;
        case 'T': timeout_s = atof(optarg); break;
        default: fprintf(stderr, "usage: see the header of regstorm.c\n"); return 2;
    }
    if (!port || !file || !auth || !mode) { fprintf(stderr, "usage: see the header of regstorm.c\n"); return 2; }
    bearer = !strcmp(auth, "bearer");
    if (!bearer && strcmp(auth, "digest")) die("-a bearer|digest");
    persistent = !strcmp(mode, "persistent");
    if (!persistent && strcmp(mode, "handshake")) die("-m handshake|persistent");

    FILE *f = fopen(file, "r");
    if (!f) die("devices file");
    long cap = 1024; devs = calloc(cap, sizeof *devs);
    char *line = NULL; size_t ll = 0;
    while (getline(&line, &ll, f) > 0) {
        line[strcspn(line, "\r\n")] = 0;
        char *semi = strchr(line, ';');
        if (!semi) continue; /* SEQUENTIAL / RANDOM header, blank lines */
        if (ndev == cap) { devs = realloc(devs, 2 * cap * sizeof *devs); memset(devs + cap, 0, cap * sizeof *devs); cap *= 2; }
        *semi = 0;
        snprintf(devs[ndev].user, sizeof devs[ndev].user, "%s", line);
        char *end = strchr(semi + 1, ';'); if (end) *end = 0;
        devs[ndev].secret = strdup(semi + 1);
        ndev++;
    }
    fclose(f);
    if (!ndev) die("no device in the file (user;secret lines)");
    if (total < 0) total = seconds > 0 ? 0 : ndev;

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
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* the servers' cost is measured */

    ep = epoll_create1(0);
    long nconn = persistent ? ndev : conc;
    conn_t *cs = calloc(nconn, sizeof *cs);
    for (long i = 0; i < nconn; i++) cs[i].fd = -1;
    struct epoll_event evs[1024];
    double c0 = cpu_self(), t0 = now(), last_scan = t0, tend = t0;
    long started = 0, next = 0;

    if (persistent) { /* initial: every device connects and registers, CONC at a time */
        long opened = 0;
        while (opened < ndev || active > 0) {
            double t = now();
            while (opened < ndev && active < conc) { start(&cs[opened], opened); opened++; }
            int k = epoll_wait(ep, evs, 1024, 50);
            for (int i = 0; i < k; i++) { conn_t *c = evs[i].data.ptr; if (c->state != S_FREE) step(c); }
            if (k > 0) tend = now();
            if (t - last_scan > 0.5) {
                last_scan = t;
                for (long i = 0; i < nconn; i++) if (cs[i].busy && t - cs[i].t0 > timeout_s) failed(&cs[i], &e_timeout);
            }
        }
        report("initial", tend - t0, cpu_self() - c0, conc);
        long up = 0; for (long i = 0; i < nconn; i++) up += cs[i].state == S_IDLE;
        fprintf(stderr, "regstorm: %ld of %ld devices connected and registered\n", up, ndev);
        c0 = cpu_self(); t0 = tend = now();
    }
    double deadline = t0 + seconds;
    long idle_scan = 0;
    for (;;) {
        double t = now();
        int more = total > 0 ? started < total : t < deadline;
        if (more) {
            if (!persistent) {
                for (long i = 0; i < nconn && (total > 0 ? started < total : 1); i++)
                    if (cs[i].state == S_FREE && cs[i].idle_until <= t) { start(&cs[i], next++ % ndev); started++; }
            } else {
                for (long tries = 0; active < conc && tries < ndev && (total > 0 ? started < total : 1); tries++) {
                    conn_t *c = &cs[idle_scan++ % ndev];
                    if (c->state == S_IDLE && !c->busy) { begin(c); started++; }
                }
            }
        }
        if (!more && active == 0) break;
        int k = epoll_wait(ep, evs, 1024, active ? 50 : 10);
        for (int i = 0; i < k; i++) { conn_t *c = evs[i].data.ptr; if (c->state != S_FREE) step(c); }
        t = now();
        if (k > 0) tend = t;
        if (t - last_scan > 0.5) {
            last_scan = t;
            for (long i = 0; i < nconn; i++) if (cs[i].busy && t - cs[i].t0 > timeout_s) failed(&cs[i], &e_timeout);
        }
    }
    report(persistent ? "reregister" : "handshake", tend - t0, cpu_self() - c0, conc);
    if (persistent) { long up = 0; for (long i = 0; i < nconn; i++) up += cs[i].state == S_IDLE; fprintf(stderr, "regstorm: %ld connections still open at the end\n", up); }
    return 0;
}
