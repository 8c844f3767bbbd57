// The API load client of issue 8 (bench/api-load/run.sh runs it; JDK 21+ only, no other dependency):
//
//   java ApiLoad.java load   --data DIR --node-pid PID --sip-port P --client-p12 F --seconds S --warmup S --clients N
//                            --write-pct W --idle N --out DIR
//       Opens N idle TLS connections (client certificate F) on the SIP peer-auth port, then runs N closed-loop API
//       clients (HTTPS, keep-alive, the admin listener's certificates pinned from DIR/admin-listener.pem) for warmup +
//       S seconds, a W % share of them writes. At the end it checks that the idle connections are still open (SIP
//       OPTIONS on each, 200 expected), reads the node's CPU time and memory from /proc, and SIGKILLs the node while
//       the clients are still sending. Writes OUT/journal.tsv (every write: acknowledged, refused, or unanswered) and
//       OUT/load.properties (the measurements).
//   java ApiLoad.java verify --data DIR --out DIR [--audit-csv F]
//       Against the restarted node: every acknowledged write of OUT/journal.tsv is in the node's state and has its
//       audit line (the newest 10,000 lines over REST; with --audit-csv, the whole audit_log table exported from the
//       store after a clean stop). Writes OUT/verify.properties and lists every lost write.
import javax.net.ssl.*;
import java.io.*;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.*;
import java.security.cert.*;
import java.security.spec.ECGenParameterSpec;
import java.time.*;
import java.time.format.DateTimeFormatter;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.*;

public class ApiLoad {
    static Map<String, String> opts = new HashMap<>();
    static String opt(String k, String def) { return opts.getOrDefault(k, def); }
    static String need(String k) { String v = opts.get(k); if (v == null) throw new IllegalArgumentException("--" + k + " is required"); return v; }

    public static void main(String[] a) throws Exception {
        for (int i = 1; i + 1 < a.length; i += 2) opts.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        switch (a[0]) {
            case "load" -> load();
            case "snapshot" -> snapshot();
            case "verify" -> System.exit(verify());
            default -> throw new IllegalArgumentException("load | verify");
        }
    }

    // ---------------------------------------------------------------------------------------------- HTTP to the node

    static final class Api {
        final HttpClient http;
        final String base, token;
        Api(Path data) throws Exception {
            String cli = Files.readString(data.resolve("cli.json"));
            Matcher m = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"").matcher(cli);
            if (!m.find()) throw new IllegalStateException("no url in cli.json");
            base = m.group(1);
            token = Files.readString(data.resolve("admin.token")).trim();
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(pinned(data.resolve("admin-listener.pem")))
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }
        HttpResponse<String> send(String method, String path, String contentType, String body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token);
            if (body == null) b.method(method, HttpRequest.BodyPublishers.noBody());
            else b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
        String getOk(String path) throws Exception {
            var r = send("GET", path, null, null);
            if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
            return r.body();
        }
    }

    /** Trusts exactly the certificates in the PEM file (what the CLI does with DATA/admin-listener.pem); no host-name check. */
    static SSLContext pinned(Path pem) throws Exception {
        Set<X509Certificate> pins = new HashSet<>();
        try (InputStream in = Files.newInputStream(pem)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) pins.add((X509Certificate) c);
        }
        X509ExtendedTrustManager tm = new X509ExtendedTrustManager() {
            void check(X509Certificate[] chain) throws CertificateException {
                if (chain == null || chain.length == 0 || !pins.contains(chain[0])) throw new CertificateException("not the pinned admin certificate");
            }
            public void checkClientTrusted(X509Certificate[] c, String t, Socket s) throws CertificateException { throw new CertificateException("client"); }
            public void checkServerTrusted(X509Certificate[] c, String t, Socket s) throws CertificateException { check(c); }
            public void checkClientTrusted(X509Certificate[] c, String t, SSLEngine e) throws CertificateException { throw new CertificateException("client"); }
            public void checkServerTrusted(X509Certificate[] c, String t, SSLEngine e) throws CertificateException { check(c); }
            public void checkClientTrusted(X509Certificate[] c, String t) throws CertificateException { throw new CertificateException("client"); }
            public void checkServerTrusted(X509Certificate[] c, String t) throws CertificateException { check(c); }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{tm}, null);
        return ctx;
    }

    // ---------------------------------------------------------------------------------------------- small CAs, JDK only

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) body.writeBytes(p);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(tag);
        int n = b.length;
        if (n < 128) o.write(n);
        else if (n < 256) { o.write(0x81); o.write(n); }
        else if (n < 65536) { o.write(0x82); o.write(n >> 8); o.write(n); }
        else { o.write(0x83); o.write(n >> 16); o.write(n >> 8); o.write(n); }
        o.writeBytes(b);
        return o.toByteArray();
    }
    static byte[] hex(String h) { return HexFormat.of().parseHex(h.replace(" ", "")); }
    static final byte[] ECDSA_SHA256 = tlv(0x30, hex("06082A8648CE3D040302"));
    static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    static final ThreadLocal<KeyPairGenerator> KPG = ThreadLocal.withInitial(() -> {
        try { KeyPairGenerator g = KeyPairGenerator.getInstance("EC"); g.initialize(new ECGenParameterSpec("secp256r1")); return g; }
        catch (GeneralSecurityException e) { throw new IllegalStateException(e); }
    });

    /** A self-signed EC P-256 root CA (basicConstraints CA:TRUE, keyUsage keyCertSign+cRLSign, SKI), as PEM. */
    static String selfSignedCa(String cn) throws GeneralSecurityException {
        KeyPair kp = KPG.get().generateKeyPair();
        byte[] name = tlv(0x30, tlv(0x31, tlv(0x30, hex("0603550403"), tlv(0x0C, cn.getBytes(StandardCharsets.UTF_8)))));
        Instant now = Instant.now();
        byte[] validity = tlv(0x30, tlv(0x17, UTC_TIME.format(now.minusSeconds(3600)).getBytes()), tlv(0x17, UTC_TIME.format(now.plus(Duration.ofDays(3650))).getBytes()));
        byte[] spki = kp.getPublic().getEncoded();
        byte[] ski = MessageDigest.getInstance("SHA-1").digest(spki);
        byte[] exts = tlv(0xA3, tlv(0x30,
                tlv(0x30, hex("0603551D13"), hex("0101FF"), tlv(0x04, hex("30030101FF"))),
                tlv(0x30, hex("0603551D0F"), hex("0101FF"), tlv(0x04, hex("03020106"))),
                tlv(0x30, hex("0603551D0E"), tlv(0x04, tlv(0x04, ski)))));
        byte[] serial = new BigInteger(127, ThreadLocalRandom.current()).add(BigInteger.ONE).toByteArray();
        byte[] tbs = tlv(0x30, hex("A003020102"), tlv(0x02, serial), ECDSA_SHA256, name, validity, name, spki, exts);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(kp.getPrivate());
        s.update(tbs);
        byte[] sig = s.sign();
        byte[] bits = new byte[sig.length + 1];
        System.arraycopy(sig, 0, bits, 1, sig.length);
        byte[] cert = tlv(0x30, tbs, ECDSA_SHA256, tlv(0x03, bits));
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert) + "\n-----END CERTIFICATE-----\n";
    }

    // ---------------------------------------------------------------------------------------------- /proc

    static long[] procCpuTicks(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12])}; // utime, stime (fields 14, 15)
    }
    static long procStatusKb(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
            if (line.startsWith(key + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        return -1;
    }
    static int procThreads(long pid) throws IOException { return (int) procStatusKb(pid, "Threads"); }

    // ---------------------------------------------------------------------------------------------- load

    enum Kind { READ_CERTS, READ_CONTEXTS, READ_AUDIT, READ_SERVICES, W_PEER_ADD, W_PEER_DELETE, W_CONTEXT, W_XMPP, W_TRUST }

    static final String TRUST_STORE = "tomcat-trust";
    static volatile boolean stop, killed;
    static volatile long measureStartNs, measureEndNs, killNs, killMs = Long.MAX_VALUE;
    static final ReentrantLock XMPP_LOCK = new ReentrantLock();

    /** One latency sample in the measured window. */
    record Sample(Kind kind, long startNs, long micros) {}

    /** A write as the journal records it: outcome ACK (200), REFUSED (an answer other than 200), NOANSWER (no answer: in flight at the kill, or I/O error). */
    record Write(int client, long seq, Kind kind, String key, String value, String outcome, int status, long sentMs, long doneMs, String detail) {
        String tsv() { return String.join("\t", String.valueOf(client), String.valueOf(seq), kind.name(), key, value, outcome, String.valueOf(status),
                String.valueOf(sentMs), String.valueOf(doneMs), detail.replaceAll("[\t\r\n]+", " ")); }
    }

    static final ConcurrentHashMap<String, LongAdder> errorCounts = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    static final AtomicInteger errorSampleCount = new AtomicInteger();

    static void error(String what, int status, String body) {
        String code = "-";
        Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(body == null ? "" : body);
        if (m.find()) code = m.group(1);
        String key = what.replaceAll("/[^ ]*$", "/…") + " " + status + " " + code;
        errorCounts.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (errorSampleCount.incrementAndGet() <= 40)
            errorSamples.add(Instant.now() + " " + what + " -> " + status + " " + (body == null ? "" : body.replaceAll("\\s+", " ").substring(0, Math.min(600, body.replaceAll("\\s+", " ").length()))));
    }

    static final class Client implements Runnable {
        final int id; final Api api; final int writePct;
        final List<Sample> samples = new ArrayList<>(1 << 16);
        final List<Write> journal = new ArrayList<>(1 << 14);
        final SplittableRandom rnd;
        long seq;
        String pendingPeer; // added, not yet deleted
        Client(int id, Api api, int writePct) { this.id = id; this.api = api; this.writePct = writePct; this.rnd = new SplittableRandom(id * 7919L + 17); }

        String ctxName() { return "LoadCtx-c" + id; }

        public void run() {
            try {
                // this client's own context (created once, journaled like every write)
                write(Kind.W_CONTEXT, ctxName(), "load c" + id + " s0", "PUT", "/api/v1/tls/contexts/" + ctxName(),
                        "{\"description\":\"load c" + id + " s0\"}", "application/json");
                while (!stop) {
                    if (rnd.nextInt(100) < writePct) oneWrite(); else oneRead();
                }
            } catch (Throwable t) {
                if (!killed) { t.printStackTrace(); error("client " + id + " crashed", -1, String.valueOf(t)); }
            }
        }

        void oneRead() throws Exception {
            Kind k = switch (rnd.nextInt(4)) { case 0 -> Kind.READ_CERTS; case 1 -> Kind.READ_CONTEXTS; case 2 -> Kind.READ_AUDIT; default -> Kind.READ_SERVICES; };
            String path = switch (k) {
                case READ_CERTS -> "/api/v1/certs/own";
                case READ_CONTEXTS -> "/api/v1/tls/contexts";
                case READ_AUDIT -> "/api/v1/audit?limit=20";
                default -> "/api/v1/services";
            };
            long t0 = System.nanoTime();
            try {
                var r = api.send("GET", path, null, null);
                long t1 = System.nanoTime();
                if (r.statusCode() != 200) error("GET " + path, r.statusCode(), r.body());
                else record(k, t0, t1);
            } catch (IOException e) {
                if (!killed) error("GET " + path, -1, String.valueOf(e));
                else stopAfterKill();
            }
        }

        void stopAfterKill() throws InterruptedException { Thread.sleep(50); }

        void oneWrite() throws Exception {
            int pick = rnd.nextInt(4);
            long s = ++seq;
            switch (pick) {
                case 0 -> {
                    if (pendingPeer == null) {
                        String cn = "c" + id + "-" + s + ".load.example";
                        if (write(Kind.W_PEER_ADD, cn, "", "POST", "/api/v1/tls/peer-subjects",
                                "{\"cn\":\"" + cn + "\",\"description\":\"load c" + id + " s" + s + "\"}", "application/json")) pendingPeer = cn;
                    } else {
                        String cn = pendingPeer;
                        if (write(Kind.W_PEER_DELETE, cn, "", "DELETE", "/api/v1/tls/peer-subjects/" + cn, null, null)) pendingPeer = null;
                    }
                }
                case 1 -> {
                    String d = "load c" + id + " s" + s;
                    write(Kind.W_CONTEXT, ctxName(), d, "PUT", "/api/v1/tls/contexts/" + ctxName(), "{\"description\":\"" + d + "\"}", "application/json");
                }
                case 2 -> {
                    if (!XMPP_LOCK.tryLock()) { oneRead(); return; } // one XMPP write at a time: its order is the order of the answers
                    try {
                        String dom = "x" + id + "-" + s + ".load.example";
                        write(Kind.W_XMPP, "cluster", dom, "PUT", "/api/v1/settings/xmpp", "{\"hostedDomains\":[\"" + dom + "\"]}", "application/json");
                    } finally { XMPP_LOCK.unlock(); }
                }
                default -> {
                    String cn = "load-ca-c" + id + "-" + s;
                    String pem = selfSignedCa(cn);
                    write(Kind.W_TRUST, cn, "CN=" + cn, "POST", "/api/v1/trust/" + TRUST_STORE + "?description=load", pem, "application/x-pem-file");
                }
            }
        }

        /** Sends one write and journals it; true if acknowledged (200). */
        boolean write(Kind k, String key, String value, String method, String path, String body, String ct) throws Exception {
            long sentMs = System.currentTimeMillis();
            long t0 = System.nanoTime();
            try {
                var r = api.send(method, path, ct, body);
                long t1 = System.nanoTime();
                boolean ok = r.statusCode() == 200 && r.body().contains("\"value\"");
                journal.add(new Write(id, seq, k, key, value, ok ? "ACK" : "REFUSED", r.statusCode(), sentMs, System.currentTimeMillis(),
                        ok ? "" : r.body().substring(0, Math.min(400, r.body().length()))));
                if (ok) record(k, t0, t1);
                else error(method + " " + path, r.statusCode(), r.body());
                return ok;
            } catch (IOException e) {
                // sent after the kill: never reached the node; before it: in flight at the kill (outcome unknown)
                journal.add(new Write(id, seq, k, key, value, killed && sentMs >= killMs ? "AFTERKILL" : "NOANSWER", -1, sentMs, System.currentTimeMillis(), String.valueOf(e)));
                if (!killed) error(method + " " + path, -1, String.valueOf(e));
                else stopAfterKill();
                return false;
            }
        }

        void record(Kind k, long t0, long t1) {
            if (t0 >= measureStartNs && t1 <= measureEndNs) samples.add(new Sample(k, t0, (t1 - t0) / 1000));
        }
    }

    // ---------------------------------------------------------------------------------------------- idle SIP TLS connections

    static final class Idle {
        final SSLSocket socket;
        volatile boolean closed, optionsOk;
        Idle(SSLSocket s) { socket = s; }
    }

    static SSLContext clientCertContext(Path p12, char[] pass) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) { ks.load(in, pass); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pass);
        // the server side is the node's self-signed cup certificate; this test holds connections, it does not judge the server
        TrustManager any = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String t) {}
            public void checkServerTrusted(X509Certificate[] c, String t) {}
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[]{any}, null);
        return ctx;
    }

    static List<Idle> openIdle(int n, int port, SSLContext ctx, AtomicInteger closedCount, List<String> failures) throws Exception {
        List<Idle> all = Collections.synchronizedList(new ArrayList<>());
        Semaphore parallel = new Semaphore(8);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                ex.submit(() -> {
                    parallel.acquireUninterruptibly();
                    try {
                        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
                        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                        s.setSoTimeout(20_000);
                        s.startHandshake();
                        s.setSoTimeout(0);
                        Idle idle = new Idle(s);
                        all.add(idle);
                        Thread.ofVirtual().start(() -> {
                            try {
                                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                                for (String line; (line = in.readLine()) != null; ) if (line.startsWith("SIP/2.0 200")) idle.optionsOk = true;
                            } catch (IOException e) { /* closed */ }
                            if (!idle.closed) { idle.closed = true; if (!killed) closedCount.incrementAndGet(); }
                        });
                    } catch (Exception e) {
                        synchronized (failures) { if (failures.size() < 10) failures.add(String.valueOf(e)); failures.add(""); }
                    } finally { parallel.release(); }
                    return null;
                });
            }
        }
        return all;
    }

    static int checkIdle(List<Idle> idle) throws InterruptedException {
        int sent = 0;
        for (Idle i : idle) {
            if (i.closed) continue;
            try {
                OutputStream o = i.socket.getOutputStream();
                o.write(("OPTIONS sip:ucsec SIP/2.0\r\nVia: SIP/2.0/TLS load;branch=z9hG4bK" + sent + "\r\nFrom: <sip:load>;tag=1\r\nTo: <sip:ucsec>\r\n"
                        + "Call-ID: load-" + sent + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                o.flush();
                sent++;
            } catch (IOException e) { i.closed = true; }
        }
        long until = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < until) {
            if (idle.stream().filter(i -> i.optionsOk).count() >= sent) break;
            Thread.sleep(100);
        }
        return (int) idle.stream().filter(i -> i.optionsOk && !i.closed).count();
    }

    static void load() throws Exception {
        Path data = Path.of(need("data")), out = Path.of(need("out"));
        long pid = Long.parseLong(need("node-pid"));
        int sipPort = Integer.parseInt(need("sip-port"));
        int seconds = Integer.parseInt(opt("seconds", "600")), warmup = Integer.parseInt(opt("warmup", "30"));
        int clients = Integer.parseInt(opt("clients", "8")), writePct = Integer.parseInt(opt("write-pct", "25"));
        int idleN = Integer.parseInt(opt("idle", "1000"));
        long hz = Long.parseLong(opt("clk-tck", "100"));
        Files.createDirectories(out);
        Properties res = new Properties();
        Api api = new Api(data);
        api.getOk("/api/v1/node");

        // 1. idle TLS connections on the SIP peer-auth port
        AtomicInteger idleClosed = new AtomicInteger();
        List<String> idleFailures = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Idle> idle = idleN > 0 ? openIdle(idleN, sipPort, clientCertContext(Path.of(need("client-p12")), opt("client-pass", "changeit").toCharArray()), idleClosed, idleFailures) : List.of();
        res.setProperty("idle.requested", String.valueOf(idleN));
        res.setProperty("idle.opened", String.valueOf(idle.size()));
        res.setProperty("idle.open.seconds", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        res.setProperty("idle.open.failures", String.valueOf(idleFailures.stream().filter(String::isEmpty).count()));
        res.setProperty("idle.open.failure.samples", String.join(" | ", idleFailures.stream().filter(s -> !s.isEmpty()).toList()));
        System.out.printf("idle: %d of %d TLS connections open on the SIP port (%.1f s)%n", idle.size(), idleN, (System.nanoTime() - t0) / 1e9);
        res.setProperty("node.listeners.at.start", listenersSummary(api));

        // 2. API clients: warm-up, then the measured window
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Client> cs = new ArrayList<>();
        long now = System.nanoTime();
        measureStartNs = now + warmup * 1_000_000_000L;
        measureEndNs = measureStartNs + seconds * 1_000_000_000L;
        for (int i = 0; i < clients; i++) { Client c = new Client(i, api, writePct); cs.add(c); pool.submit(c); }
        System.out.printf("load: %d clients, %d %% writes, %d s warm-up + %d s measured%n", clients, writePct, warmup, seconds);

        Thread.sleep(Math.max(0, (measureStartNs - System.nanoTime()) / 1_000_000 - 3000));
        res.setProperty("node.heap.live.after.warmup.mb", String.valueOf(liveHeapMb(pid, out.resolve("heap-before.txt"))));
        Thread.sleep(Math.max(0, (measureStartNs - System.nanoTime()) / 1_000_000));
        long[] cpu0 = procCpuTicks(pid);
        long rss0 = procStatusKb(pid, "VmRSS"), hwm0 = procStatusKb(pid, "VmHWM");
        int thr0 = procThreads(pid);
        List<String> timeline = new ArrayList<>();
        long peakRss = rss0;
        int lastReported = 0;
        while (System.nanoTime() < measureEndNs) {
            Thread.sleep(Math.min(5000, Math.max(1, (measureEndNs - System.nanoTime()) / 1_000_000)));
            long rss = procStatusKb(pid, "VmRSS");
            peakRss = Math.max(peakRss, rss);
            int el = (int) ((System.nanoTime() - measureStartNs) / 1_000_000_000L);
            if (el / 30 > lastReported / 30 || System.nanoTime() >= measureEndNs) {
                lastReported = el;
                long[] c = procCpuTicks(pid);
                String line = String.format("t=%3ds rss=%dMB cpu=%.1fs threads=%d idleClosed=%d", el, rss / 1024, (c[0] + c[1] - cpu0[0] - cpu0[1]) / (double) hz, procThreads(pid), idleClosed.get());
                timeline.add(line);
                System.out.println("  " + line);
            }
        }
        long[] cpu1 = procCpuTicks(pid);
        long rss1 = procStatusKb(pid, "VmRSS"), hwm1 = procStatusKb(pid, "VmHWM");
        int thr1 = procThreads(pid);
        peakRss = Math.max(peakRss, rss1);
        res.setProperty("node.heap.live.at.end.mb", String.valueOf(liveHeapMb(pid, out.resolve("heap-after.txt"))));
        // 3. the idle connections: still open and served?
        int idleOk = idle.isEmpty() ? 0 : checkIdle(idle);
        res.setProperty("idle.held.at.end", String.valueOf(idleOk));
        res.setProperty("idle.closed.during.run", String.valueOf(idleClosed.get()));
        res.setProperty("node.listeners.at.end", listenersSummary(api));
        System.out.printf("idle: %d of %d still open and answering OPTIONS after the run; %d closed during it%n", idleOk, idle.size(), idleClosed.get());

        // 4. kill the node while the clients are still sending
        Thread.sleep(300);
        killed = true;
        killNs = System.nanoTime();
        killMs = System.currentTimeMillis();
        boolean sent = ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
        res.setProperty("kill.sent", String.valueOf(sent));
        res.setProperty("kill.epochMs", String.valueOf(killMs));
        Thread.sleep(1500);
        stop = true;
        pool.shutdown();
        if (!pool.awaitTermination(120, TimeUnit.SECONDS)) System.out.println("load: some clients did not stop within 120 s");
        for (Idle i : idle) try { i.socket.close(); } catch (IOException ignored) {}

        // 5. results
        long window = measureEndNs - measureStartNs;
        List<Sample> all = new ArrayList<>();
        for (Client c : cs) all.addAll(c.samples);
        long reads = all.stream().filter(s -> s.kind().name().startsWith("READ")).count();
        long writes = all.size() - reads;
        double sec = window / 1e9;
        res.setProperty("window.seconds", String.format("%.1f", sec));
        res.setProperty("clients", String.valueOf(clients));
        res.setProperty("write.pct", String.valueOf(writePct));
        res.setProperty("rate.total", String.format("%.1f", all.size() / sec));
        res.setProperty("rate.reads", String.format("%.1f", reads / sec));
        res.setProperty("rate.writes", String.format("%.1f", writes / sec));
        res.setProperty("requests.ok", String.valueOf(all.size()));
        putLatency(res, "latency.all", all);
        putLatency(res, "latency.reads", all.stream().filter(s -> s.kind().name().startsWith("READ")).toList());
        putLatency(res, "latency.writes", all.stream().filter(s -> s.kind().name().startsWith("W_")).toList());
        for (Kind k : Kind.values()) {
            List<Sample> ks = all.stream().filter(s -> s.kind() == k).toList();
            res.setProperty("kind." + k + ".count", String.valueOf(ks.size()));
            putLatency(res, "kind." + k, ks);
        }
        double cpuSec = (cpu1[0] + cpu1[1] - cpu0[0] - cpu0[1]) / (double) hz;
        res.setProperty("node.cpu.seconds", String.format("%.1f", cpuSec));
        res.setProperty("node.cpu.user.seconds", String.format("%.1f", (cpu1[0] - cpu0[0]) / (double) hz));
        res.setProperty("node.cpu.system.seconds", String.format("%.1f", (cpu1[1] - cpu0[1]) / (double) hz));
        res.setProperty("node.cpu.seconds.per.1000.requests", String.format("%.2f", all.isEmpty() ? 0 : cpuSec * 1000 / all.size()));
        res.setProperty("node.cpu.utilisation", String.format("%.2f", cpuSec / sec));
        res.setProperty("node.rss.before.mb", String.valueOf(rss0 / 1024));
        res.setProperty("node.rss.after.mb", String.valueOf(rss1 / 1024));
        res.setProperty("node.rss.peak.sampled.mb", String.valueOf(peakRss / 1024));
        res.setProperty("node.vmhwm.before.mb", String.valueOf(hwm0 / 1024));
        res.setProperty("node.vmhwm.after.mb", String.valueOf(hwm1 / 1024));
        res.setProperty("node.threads.before", String.valueOf(thr0));
        res.setProperty("node.threads.after", String.valueOf(thr1));
        res.setProperty("timeline", String.join(" ; ", timeline));
        // per-minute rates: is the rate sustained?
        StringBuilder perMin = new StringBuilder();
        for (long m = 0; m * 60e9 < window; m++) {
            long from = measureStartNs + m * 60_000_000_000L, to = Math.min(measureEndNs, from + 60_000_000_000L);
            List<Sample> ms = all.stream().filter(s -> s.startNs() >= from && s.startNs() < to).toList();
            long w = ms.stream().filter(s -> s.kind().name().startsWith("W_")).count();
            perMin.append(String.format("min%d: %.0f r/s %.0f w/s p99 %.1f ms; ", m + 1, (ms.size() - w) / ((to - from) / 1e9), w / ((to - from) / 1e9), pct(ms, 99) / 1000.0));
        }
        res.setProperty("per.minute", perMin.toString());
        // per minute and kind: median answer time (is one kind getting slower as the store grows?)
        StringBuilder byKind = new StringBuilder();
        for (long m = 0; m * 60e9 < window; m++) {
            long from = measureStartNs + m * 60_000_000_000L, to = Math.min(measureEndNs, from + 60_000_000_000L);
            byKind.append("min").append(m + 1).append(':');
            for (Kind k : Kind.values()) {
                List<Sample> ks = all.stream().filter(x -> x.kind() == k && x.startNs() >= from && x.startNs() < to).toList();
                byKind.append(String.format(" %s %.1f", k.name().replaceFirst("^(READ|W)_", "").toLowerCase(Locale.ROOT), pct(ks, 50) / 1000.0));
            }
            byKind.append(" ms; ");
        }
        res.setProperty("per.minute.median.by.kind", byKind.toString());
        long errs = errorCounts.values().stream().mapToLong(LongAdder::sum).sum();
        res.setProperty("errors.before.kill", String.valueOf(errs));
        StringBuilder ec = new StringBuilder();
        errorCounts.forEach((k, v) -> ec.append(k).append(" x").append(v.sum()).append("; "));
        res.setProperty("errors.by.request", ec.toString());
        res.setProperty("errors.samples", String.join(" || ", errorSamples));

        long acked = 0, refused = 0, noAnswer = 0, afterKill = 0, lastAckBeforeKill = Long.MIN_VALUE;
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("journal.tsv"))) {
            w.write("client\tseq\tkind\tkey\tvalue\toutcome\tstatus\tsentMs\tdoneMs\tdetail\n");
            for (Client c : cs) for (Write x : c.journal) {
                w.write(x.tsv()); w.write('\n');
                switch (x.outcome()) {
                    case "ACK" -> { acked++; if (x.doneMs() <= killMs) lastAckBeforeKill = Math.max(lastAckBeforeKill, x.doneMs()); }
                    case "REFUSED" -> refused++;
                    case "NOANSWER" -> noAnswer++;
                    default -> afterKill++;
                }
            }
        }
        res.setProperty("writes.acknowledged", String.valueOf(acked));
        res.setProperty("writes.refused", String.valueOf(refused));
        res.setProperty("writes.in.flight.at.kill", String.valueOf(noAnswer));
        res.setProperty("writes.sent.after.kill", String.valueOf(afterKill));
        res.setProperty("writes.last.ack.ms.before.kill", lastAckBeforeKill == Long.MIN_VALUE ? "-" : String.valueOf(killMs - lastAckBeforeKill));
        long acksAfterStopping = cs.stream().flatMap(c -> c.journal.stream()).filter(x -> x.outcome().equals("ACK") && x.doneMs() > killMs).count();
        res.setProperty("writes.acked.after.kill", String.valueOf(acksAfterStopping));
        try (Writer w = Files.newBufferedWriter(out.resolve("load.properties"))) { res.store(w, "ApiLoad load"); }
        System.out.printf("load: %s req/s (%s reads/s, %s writes/s), p50 %s ms, p99 %s ms; %d writes acknowledged, %d refused, %d in flight at the kill; %d errors before the kill%n",
                res.get("rate.total"), res.get("rate.reads"), res.get("rate.writes"), res.get("latency.all.p50.ms"), res.get("latency.all.p99.ms"), acked, refused, noAnswer, errs);
        System.exit(0);
    }

    /** The node's heap after a full GC (jcmd GC.run, then GC.heap_info): the live set, to tell a leak from a heap that has not been collected yet. */
    static long liveHeapMb(long pid, Path save) {
        try {
            String jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd").toString();
            new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String txt = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            Files.writeString(save, txt);
            // generational collectors: the old generation right after the full GC is the live set (the young one refills under load)
            long kb = 0; boolean any = false, gen = txt.contains("Tenured") || txt.contains("ParOldGen");
            for (String line : txt.split("\n")) {
                if (line.contains("Metaspace") || line.contains("class space")) continue;
                if (gen && !(line.contains("Tenured") || line.contains("ParOldGen"))) continue;
                Matcher m = Pattern.compile("used (\\d+)K").matcher(line);
                if (m.find()) { kb += Long.parseLong(m.group(1)); any = true; }
            }
            return any ? kb / 1024 : -1;
        } catch (Exception e) { return -1; }
    }

    static String listenersSummary(Api api) {
        try {
            String body = api.getOk("/api/v1/listeners/sip-proxy");
            return body.replaceAll("\\s+", " ").replaceAll("\"(cipherSuites|suites)\" : \\[[^\\]]*\\]", "\"$1\":[…]");
        } catch (Exception e) { return "unavailable: " + e; }
    }

    static long pct(List<Sample> s, double p) {
        if (s.isEmpty()) return 0;
        long[] v = s.stream().mapToLong(Sample::micros).sorted().toArray();
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }
    static void putLatency(Properties r, String prefix, List<Sample> s) {
        r.setProperty(prefix + ".p50.ms", String.format("%.1f", pct(s, 50) / 1000.0));
        r.setProperty(prefix + ".p99.ms", String.format("%.1f", pct(s, 99) / 1000.0));
        r.setProperty(prefix + ".max.ms", String.format("%.1f", pct(s, 100) / 1000.0));
    }

    // ---------------------------------------------------------------------------------------------- verify

    record Audit(String action, String target, String detail) {}

    static final Map<String, String> SNAPSHOT = new LinkedHashMap<>();
    static {
        SNAPSHOT.put("peer-subjects", "/api/v1/tls/peer-subjects");
        SNAPSHOT.put("contexts", "/api/v1/tls/contexts");
        SNAPSHOT.put("xmpp", "/api/v1/settings/xmpp");
        SNAPSHOT.put("trust", "/api/v1/trust/" + TRUST_STORE);
        SNAPSHOT.put("audit", "/api/v1/audit?limit=10000");
    }

    /** Reads the restarted node's state and newest audit lines over REST into OUT/snapshot/ (verify checks them after the node is stopped). */
    static void snapshot() throws Exception {
        Path data = Path.of(need("data")), dir = Path.of(need("out")).resolve("snapshot");
        Files.createDirectories(dir);
        Api api = new Api(data);
        for (var e : SNAPSHOT.entrySet()) Files.writeString(dir.resolve(e.getKey() + ".json"), api.getOk(e.getValue()));
        System.out.println("snapshot: state and the newest 10,000 audit lines read from the restarted node");
    }

    static int verify() throws Exception {
        Path out = Path.of(need("out"));
        java.util.function.Function<String, String> snap = k -> {
            try { return Files.readString(out.resolve("snapshot").resolve(k + ".json")); } catch (IOException e) { throw new UncheckedIOException(e); }
        };
        List<Write> journal = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("journal.tsv")).subList(1, Files.readAllLines(out.resolve("journal.tsv")).size())) {
            String[] f = line.split("\t", -1);
            journal.add(new Write(Integer.parseInt(f[0]), Long.parseLong(f[1]), Kind.valueOf(f[2]), f[3], f[4], f[5], Integer.parseInt(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), f[9]));
        }
        // state
        String peers = snap.apply("peer-subjects");
        Set<String> peerCns = new HashSet<>(all(peers, "\"cn\"\\s*:\\s*\"([^\"]+)\""));
        String contexts = snap.apply("contexts");
        Map<String, String> ctxDesc = new HashMap<>();
        Matcher cm = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\",\\s*\"description\"\\s*:\\s*\"([^\"]*)\"").matcher(contexts);
        while (cm.find()) ctxDesc.put(cm.group(1), cm.group(2));
        String xmpp = snap.apply("xmpp");
        List<String> hosted = all(xmpp.replaceAll("(?s).*\"hostedDomains\"\\s*:\\s*\\[([^\\]]*)\\].*", "$1"), "\"([^\"]+)\"");
        String trust = snap.apply("trust");
        Set<String> trustSubjects = new HashSet<>(all(trust, "\"subject\"\\s*:\\s*\"([^\"]+)\""));
        // audit: newest 10,000 over REST (the API's maximum), the whole table from the export when given
        List<Audit> restAudit = new ArrayList<>();
        Matcher am = Pattern.compile("\"action\"\\s*:\\s*\"([^\"]*)\",\\s*\"target\"\\s*:\\s*(null|\"[^\"]*\"),\\s*\"detail\"\\s*:\\s*(null|\"(?:[^\"\\\\]|\\\\.)*\")").matcher(snap.apply("audit"));
        while (am.find()) restAudit.add(new Audit(am.group(1), unq(am.group(2)), unq(am.group(3))));
        List<Audit> fullAudit = null;
        if (opts.containsKey("audit-csv")) fullAudit = readCsv(Path.of(opts.get("audit-csv")));
        List<Audit> audit = fullAudit != null ? fullAudit : restAudit;
        Map<String, Integer> auditCount = new HashMap<>();
        for (Audit x : audit) auditCount.merge(x.action() + "|" + x.target() + "|" + (x.detail() == null ? "" : x.detail()), 1, Integer::sum);
        Map<String, Integer> auditByTarget = new HashMap<>();
        for (Audit x : audit) auditByTarget.merge(x.action() + "|" + x.target(), 1, Integer::sum);
        Set<String> xmppDetails = new HashSet<>();
        for (Audit x : audit) if (x.action().equals("settings.xmpp") && x.detail() != null) xmppDetails.addAll(all(x.detail(), "([a-z0-9-]+\\.load\\.example)"));

        List<String> lost = new ArrayList<>();
        Boolean restMatches = null;
        long acked = 0, checkedState = 0, checkedAudit = 0;
        // the newest 10,000 audit lines over REST must be what the store holds (when the full export is there)
        if (fullAudit != null) {
            int n = Math.min(restAudit.size(), fullAudit.size());
            List<Audit> tail = fullAudit.subList(fullAudit.size() - n, fullAudit.size());
            List<Audit> restOldestFirst = new ArrayList<>(restAudit.subList(0, n)); Collections.reverse(restOldestFirst);
            restMatches = tail.equals(restOldestFirst);
        }
        // per key, in journal order (each client sends its writes one after another)
        Map<String, List<Write>> byPeer = new LinkedHashMap<>(), byCtx = new LinkedHashMap<>();
        List<Write> xmppW = new ArrayList<>();
        for (Write w : journal) {
            if (w.outcome().equals("ACK")) acked++;
            switch (w.kind()) {
                case W_PEER_ADD, W_PEER_DELETE -> byPeer.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
                case W_CONTEXT -> byCtx.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
                case W_XMPP -> xmppW.add(w);
                case W_TRUST -> {
                    if (w.outcome().equals("ACK")) {
                        checkedState++; checkedAudit++;
                        if (!trustSubjects.contains(w.value())) lost.add("STATE trust " + w.value() + " acknowledged at " + w.doneMs() + " is not in " + TRUST_STORE);
                        if (!auditCount.containsKey("trust.import|" + TRUST_STORE + "|" + w.value())) lost.add("AUDIT trust.import " + w.value() + " acknowledged at " + w.doneMs());
                    }
                }
                default -> {}
            }
        }
        for (var e : byPeer.entrySet()) {
            List<Write> ws = e.getValue();
            for (Write w : ws) if (w.outcome().equals("ACK")) {
                checkedAudit++;
                String act = w.kind() == Kind.W_PEER_ADD ? "tls.peer-subject.add" : "tls.peer-subject.delete";
                if (!auditByTarget.containsKey(act + "|" + w.key())) lost.add("AUDIT " + act + " " + w.key() + " acknowledged at " + w.doneMs());
            }
            Write lastAck = null; boolean unknownAfter = false;
            for (Write w : ws) { if (w.outcome().equals("ACK")) { lastAck = w; unknownAfter = false; } else if (w.outcome().equals("NOANSWER")) unknownAfter = true; }
            if (lastAck != null && !unknownAfter) {
                checkedState++;
                boolean expect = lastAck.kind() == Kind.W_PEER_ADD;
                if (peerCns.contains(e.getKey()) != expect) lost.add("STATE peer subject " + e.getKey() + (expect ? " added" : " deleted") + " at " + lastAck.doneMs() + " but " + (expect ? "absent" : "present"));
            }
        }
        for (var e : byCtx.entrySet()) {
            List<Write> ws = e.getValue();
            long ackN = ws.stream().filter(w -> w.outcome().equals("ACK")).count();
            long maybeN = ws.stream().filter(w -> !w.outcome().equals("ACK")).count();
            int lines = auditByTarget.getOrDefault("tls.context.update|" + e.getKey(), 0) + auditByTarget.getOrDefault("tls.context.create|" + e.getKey(), 0);
            checkedAudit += ackN;
            if (fullAudit != null && lines < ackN) lost.add("AUDIT " + e.getKey() + ": " + ackN + " acknowledged changes, " + lines + " audit lines");
            if (fullAudit != null && lines > ackN + maybeN) lost.add("AUDIT " + e.getKey() + ": " + lines + " audit lines for " + ackN + " acknowledged + " + maybeN + " unanswered/refused changes (phantom writes)");
            Write lastAck = null; List<String> allowed = new ArrayList<>();
            for (Write w : ws) {
                if (w.outcome().equals("ACK")) { lastAck = w; allowed.clear(); allowed.add(w.value()); }
                else if (w.outcome().equals("NOANSWER")) allowed.add(w.value());
            }
            if (lastAck != null) {
                checkedState++;
                String now = ctxDesc.get(e.getKey());
                if (!allowed.contains(now)) lost.add("STATE context " + e.getKey() + " description '" + now + "', last acknowledged '" + lastAck.value() + "' at " + lastAck.doneMs());
            }
        }
        {
            // XMPP writes are sent one at a time (XMPP_LOCK), by any client: their order is the order they were sent
            xmppW.sort(Comparator.comparingLong(Write::sentMs).thenComparingLong(Write::doneMs));
            Write lastAck = null; List<String> allowed = new ArrayList<>();
            for (Write w : xmppW) {
                if (w.outcome().equals("ACK")) {
                    lastAck = w; allowed.clear(); allowed.add(w.value());
                    checkedAudit++;
                    if (!xmppDetails.contains(w.value())) lost.add("AUDIT settings.xmpp " + w.value() + " acknowledged at " + w.doneMs());
                } else if (w.outcome().equals("NOANSWER")) allowed.add(w.value());
            }
            if (lastAck != null) {
                checkedState++;
                String now = hosted.size() == 1 ? hosted.get(0) : String.valueOf(hosted);
                if (!allowed.contains(now)) lost.add("STATE xmpp hostedDomains " + hosted + ", last acknowledged " + lastAck.value() + " at " + lastAck.doneMs());
            }
        }
        Properties res = new Properties();
        res.setProperty("journal.writes", String.valueOf(journal.size()));
        res.setProperty("writes.acknowledged", String.valueOf(acked));
        res.setProperty("checks.state", String.valueOf(checkedState));
        res.setProperty("checks.audit", String.valueOf(checkedAudit));
        res.setProperty("audit.source", fullAudit != null ? "store export (" + fullAudit.size() + " lines) + REST newest " + restAudit.size() : "REST newest " + restAudit.size());
        res.setProperty("lost", String.valueOf(lost.size()));
        res.setProperty("audit.rest.newest.equal.store.tail", String.valueOf(restMatches));
        res.setProperty("trust.entries", String.valueOf(trustSubjects.size()));
        try (Writer w = Files.newBufferedWriter(out.resolve("verify.properties"))) { res.store(w, "ApiLoad verify"); }
        Files.write(out.resolve("lost.txt"), lost);
        System.out.printf("verify: %d writes journaled, %d acknowledged; %d state checks, %d audit checks (%s); LOST: %d%n",
                journal.size(), acked, checkedState, checkedAudit, res.get("audit.source"), lost.size());
        lost.stream().limit(30).forEach(l -> System.out.println("  " + l));
        return lost.isEmpty() ? 0 : 1;
    }

    static String unq(String s) {
        if (s == null || s.equals("null")) return null;
        return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    static List<String> all(String s, String re) {
        List<String> r = new ArrayList<>();
        Matcher m = Pattern.compile(re).matcher(s);
        while (m.find()) r.add(m.group(1));
        return r;
    }

    /** H2 CSVWRITE output of SELECT ACTION, TARGET, DETAIL ... ORDER BY ID: quoted fields, "" inside. */
    static List<Audit> readCsv(Path f) throws IOException {
        String s = Files.readString(f);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false, wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (q) {
                if (c == '"') { if (i + 1 < s.length() && s.charAt(i + 1) == '"') { cur.append('"'); i++; } else q = false; }
                else cur.append(c);
            } else if (c == '"') { q = true; wasQuoted = true; }
            else if (c == ',') { row.add(wasQuoted || cur.length() > 0 ? cur.toString() : null); cur.setLength(0); wasQuoted = false; }
            else if (c == '\n') { row.add(wasQuoted || cur.length() > 0 ? cur.toString() : null); cur.setLength(0); wasQuoted = false; rows.add(row); row = new ArrayList<>(); }
            else if (c != '\r') cur.append(c);
        }
        if (!row.isEmpty() || cur.length() > 0) { row.add(cur.toString()); rows.add(row); }
        List<Audit> r = new ArrayList<>();
        for (List<String> x : rows.subList(1, rows.size())) r.add(new Audit(x.get(0), x.get(1), x.size() > 2 ? x.get(2) : null));
        return r;
    }
}
