package org.ucsec.node.cli;

import org.ucsec.node.platform.cli.NodeClient;

import com.fasterxml.jackson.databind.JsonNode;
import org.ucsec.node.Node;
import org.ucsec.node.NodeConfig;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.Product;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The administrator CLI (X1), named as UC administrators know it from the platform CLI. Every command except
 * {@code serve} (and local helpers) is a REST call to the running node. Exit codes: 0 ok, 1 refused by the node,
 * 2 usage error, 3 node not reachable, 4 node failure.
 */
@Command(name = "ucsec", mixinStandardHelpOptions = true, version = "ucsec 0.1.0",
        description = "Security plane for UC clusters: certificates, trust stores, TLS policy.",
        subcommands = {Commands.Serve.class, Commands.Show.class, Commands.SetCmd.class, Commands.Utils.class, Commands.Cipher.class, Commands.CertTools.class, CommandLine.HelpCommand.class})
public final class Commands {
    private Commands() {}

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Commands());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof NodeClient.CliError e) {
                cmd.getErr().println(e.getMessage());
                return e.exit;
            }
            if (ex instanceof UcsecException u) {
                cmd.getErr().println("error [" + u.code() + "]: " + u.getMessage());
                return NodeClient.EXIT_REFUSED;
            }
            cmd.getErr().println("error: " + ex);
            return NodeClient.EXIT_SERVER;
        });
        return cl;
    }

    public static boolean isServe(String[] args) {
        for (String a : args) if (!a.startsWith("-")) return a.equals("serve");
        return false;
    }

    /** --data and --json, shared by every client command. */
    public static final class Common {
        @Option(names = "--data", description = "node data directory (default: $UCSEC_DATA or ./.ucsec)")
        Path data;
        @Option(names = "--json", description = "print the node's JSON answer")
        boolean json;

        Path dataDir() {
            if (data != null) return data;
            String env = System.getenv("UCSEC_DATA");
            return Path.of(env != null && !env.isBlank() ? env : ".ucsec");
        }

        NodeClient client() { return NodeClient.connect(dataDir()); }
    }

    static void print(CommandLine.Model.CommandSpec spec, Common c, JsonNode answer, Runnable human) {
        if (c.json) spec.commandLine().getOut().println(Json.write(answer));
        else human.run();
        spec.commandLine().getOut().flush();
    }

    // ================================================================== serve
    @Command(name = "serve", description = "Run a node on its embedded store (first start creates certificates, master key and the local admin token).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--data", description = "data directory (default: $UCSEC_DATA or ./.ucsec)") Path data;
        @Option(names = "--port", defaultValue = "8443", description = "admin HTTPS port (default ${DEFAULT-VALUE}; 0 = any free port)") int port;
        @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})") String bind;
        @Option(names = "--node-name", description = "node name (default: this machine's hostname)") String nodeName;
        @Option(names = "--fqdn", description = "node FQDN, used as certificate CN/SAN (default: from the hostname)") String fqdn;
        @Option(names = "--product", defaultValue = "imp", description = "imp (IM and Presence) or cucm (call control)") String product;
        @Option(names = "--subscriber", description = "this node is a subscriber (default: publisher)") boolean subscriber;
        @Option(names = "--sip-tls-port", defaultValue = "5062", description = "SIP proxy peer-auth TLS port bound to the default TLS context (default ${DEFAULT-VALUE}; 0 = any free port; -1 = off)") int sipTlsPort;
        @Option(names = "--jdbc-url", description = "PostgreSQL URL for a cluster store (default: embedded H2)") String jdbcUrl;
        @Option(names = "--jdbc-user") String jdbcUser;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws Exception {
            Path dir = data != null ? data : Path.of(System.getenv("UCSEC_DATA") != null ? System.getenv("UCSEC_DATA") : ".ucsec");
            String pw = System.getenv("UCSEC_JDBC_PASSWORD");
            NodeConfig cfg = new NodeConfig(dir, bind, port, nodeName, fqdn, Product.byId(product), !subscriber, jdbcUrl, jdbcUser, pw, null, sipTlsPort);
            Node node = Node.start(cfg);
            PrintWriter out = spec.commandLine().getOut();
            out.println("ucsec node '" + cfg.nodeName() + "' (" + cfg.fqdn() + ", " + cfg.product().id() + ") is up");
            out.println("  REST API:   https://" + cfg.bind() + ":" + node.adminPort() + "/api/v1   (OpenAPI: /openapi.yaml)");
            if (node.sipTlsPort() > 0) out.println("  SIP TLS:    " + cfg.bind() + ":" + node.sipTlsPort() + " (peer authentication, Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context)");
            out.println("  data:       " + cfg.dataDir() + " (master key: master.key, 0600)");
            out.println("  local CLI:  authenticated by the token in " + node.tokenFile() + " (readable only by its owner)");
            out.println("              e.g.  ./ucsec show cert list own" + (data != null ? " --data " + dir : ""));
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> { node.close(); stop.countDown(); }));
            stop.await();
            return 0;
        }
    }

    // ================================================================== show
    @Command(name = "show", description = "Show certificates, CSRs and settings.", subcommands = {Show.Cert.class, Show.Csr.class, Show.Xmpp.class, Show.Tls.class, Show.Audit.class})
    static final class Show {
        @Command(name = "cert", description = "show cert list own|trust | show cert own UNIT | show cert trust STORE NAME",
                subcommands = {Show.Cert.ListCmd.class, Show.Cert.Own.class, Show.Cert.Trust.class})
        static final class Cert {
            @Command(name = "list", description = "List identity (own) or trust certificates.")
            static final class ListCmd implements Callable<Integer> {
                @Parameters(index = "0", description = "own | trust") String which;
                @Parameters(index = "1", arity = "0..1", description = "trust store (with trust)") String store;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                @Override public Integer call() {
                    PrintWriter out = spec.commandLine().getOut();
                    if (which.equals("own")) {
                        JsonNode a = c.client().get("/api/v1/certs/own");
                        print(spec, c, a, () -> {
                            for (JsonNode o : a) {
                                JsonNode cert = o.get("certificate");
                                out.printf("%-42s %-3s %4d  %-11s %-16s expires %s%s%n", o.get("purpose").asText() + "/" + o.get("purpose").asText() + ".pem",
                                        cert.get("keyType").asText(), cert.get("keySize").asInt(), o.get("caSigned").asBoolean() ? "CA-signed" : "self-signed",
                                        o.get("node").asText(), cert.get("notAfter").asText(), o.get("csrPending").asBoolean() ? "  (CSR pending)" : "");
                            }
                        });
                    } else if (which.equals("trust")) {
                        JsonNode a = c.client().get(store == null ? "/api/v1/trust" : "/api/v1/trust/" + NodeClient.enc(store));
                        print(spec, c, a, () -> {
                            for (JsonNode t : a) {
                                JsonNode cert = t.get("certificate");
                                out.printf("%-44s %-11s %s  (issuer %s)%n", t.get("store").asText() + "/" + t.get("name").asText(),
                                        cert.get("selfSigned").asBoolean() ? "self-signed" : "CA-signed", cert.get("subject").asText(), cert.get("issuer").asText());
                            }
                        });
                    } else {
                        throw new CommandLine.ParameterException(spec.commandLine(), "expected 'own' or 'trust', got '" + which + "'");
                    }
                    return 0;
                }
            }

            @Command(name = "own", description = "Show one identity certificate (--pem prints it, --out FILE saves it as PEM).")
            static final class Own implements Callable<Integer> {
                @Parameters(index = "0", description = "certificate unit (purpose), e.g. tomcat, cup-ECDSA") String unit;
                @Option(names = "--pem", description = "print the PEM") boolean pem;
                @Option(names = "--chain", description = "with --pem/--out: include the CA chain") boolean chain;
                @Option(names = "--out", description = "save the PEM to this file (e.g. cup.pem)") Path outFile;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                @Override public Integer call() throws Exception {
                    NodeClient client = c.client();
                    if (pem || outFile != null) {
                        byte[] b = client.getBytes("/api/v1/certs/own/" + NodeClient.enc(unit) + "/pem" + (chain ? "?chain=true" : ""));
                        if (outFile != null) { Files.write(outFile, b); spec.commandLine().getOut().println("saved " + outFile); }
                        else spec.commandLine().getOut().print(new String(b));
                        spec.commandLine().getOut().flush();
                        return 0;
                    }
                    JsonNode a = client.get("/api/v1/certs/own/" + NodeClient.enc(unit));
                    print(spec, c, a, () -> {
                        PrintWriter out = spec.commandLine().getOut();
                        out.println("[" + a.get("purpose").asText() + " on " + a.get("node").asText() + "] " + (a.get("caSigned").asBoolean() ? "CA-signed" : "self-signed")
                                + (a.get("multiServer").asBoolean() ? ", multi-server" : "") + ", trust store " + a.get("trustStore").asText()
                                + (a.get("csrPending").asBoolean() ? ", CSR pending" : ""));
                        describe(out, a.get("certificate"));
                        if (a.get("chain").size() > 1) {
                            out.println("chain:");
                            for (JsonNode x : a.get("chain")) out.println("  " + x.get("subject").asText());
                        }
                    });
                    return 0;
                }
            }

            @Command(name = "trust", description = "Show one trust certificate: show cert trust STORE NAME.")
            static final class Trust implements Callable<Integer> {
                @Parameters(index = "0", description = "trust store, e.g. tomcat-trust") String store;
                @Parameters(index = "1", description = "entry name (as listed) or SHA-256 fingerprint prefix") String name;
                @Option(names = "--pem", description = "print the PEM") boolean pem;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                @Override public Integer call() {
                    String path = "/api/v1/trust/" + NodeClient.enc(store) + "/" + NodeClient.enc(name);
                    if (pem) { spec.commandLine().getOut().print(new String(c.client().getBytes(path + "?format=pem"))); spec.commandLine().getOut().flush(); return 0; }
                    JsonNode a = c.client().get(path);
                    print(spec, c, a, () -> {
                        PrintWriter out = spec.commandLine().getOut();
                        out.println("[" + a.get("store").asText() + "/" + a.get("name").asText() + "] " + a.get("origin").asText()
                                + (a.hasNonNull("description") ? " - " + a.get("description").asText() : ""));
                        describe(out, a.get("certificate"));
                    });
                    return 0;
                }
            }
        }

        @Command(name = "audit", description = "The audit log: who changed what, when (newest first).")
        static final class Audit implements Callable<Integer> {
            @Option(names = "--limit", defaultValue = "50") int limit;
            @Mixin Common c;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;
            @Override public Integer call() {
                JsonNode a = c.client().get("/api/v1/audit?limit=" + limit);
                print(spec, c, a, () -> { for (JsonNode x : a) spec.commandLine().getOut().printf("%s  %-14s %-26s %s  %s%n", x.get("occurredAt").asText(),
                        x.get("actor").asText(), x.get("action").asText(), x.get("target").asText(), x.path("detail").asText("")); });
                return 0;
            }
        }

        @Command(name = "tls", description = "show tls peer-subjects | contexts | context NAME | ciphers",
                subcommands = {Tls.PeerSubjects.class, Tls.Contexts.class, Tls.Context.class, Tls.Ciphers.class})
        static final class Tls {
            @Command(name = "peer-subjects", description = "TLS peer subjects (S3).")
            static final class PeerSubjects implements Callable<Integer> {
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;
                @Override public Integer call() {
                    JsonNode a = c.client().get("/api/v1/tls/peer-subjects");
                    print(spec, c, a, () -> { for (JsonNode p : a) spec.commandLine().getOut().printf("%-40s %s%n", p.get("cn").asText(), p.path("description").asText("")); });
                    return 0;
                }
            }

            @Command(name = "contexts", description = "TLS contexts (S4).")
            static final class Contexts implements Callable<Integer> {
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;
                @Override public Integer call() {
                    JsonNode a = c.client().get("/api/v1/tls/contexts");
                    print(spec, c, a, () -> { for (JsonNode x : a) printContext(spec.commandLine().getOut(), x); });
                    return 0;
                }
            }

            @Command(name = "context", description = "One TLS context.")
            static final class Context implements Callable<Integer> {
                @Parameters(index = "0") String name;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;
                @Override public Integer call() {
                    JsonNode a = c.client().get("/api/v1/tls/contexts/" + NodeClient.enc(name));
                    print(spec, c, a, () -> printContext(spec.commandLine().getOut(), a));
                    return 0;
                }
            }

            @Command(name = "ciphers", description = "Cipher suites available for TLS contexts on this node.")
            static final class Ciphers implements Callable<Integer> {
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;
                @Override public Integer call() {
                    JsonNode a = c.client().get("/api/v1/tls/ciphers");
                    print(spec, c, a, () -> { for (JsonNode x : a) spec.commandLine().getOut().printf("%-48s %s%n", x.get("ianaName").asText(), x.get("openSslName").asText()); });
                    return 0;
                }
            }
        }

        @Command(name = "xmpp", description = "Show the secure XMPP settings (S2), federation wildcard (C9) and hosted domains.")
        static final class Xmpp implements Callable<Integer> {
            @Mixin Common c;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;

            @Override public Integer call() {
                JsonNode a = c.client().get("/api/v1/settings/xmpp");
                print(spec, c, a, () -> printXmpp(spec.commandLine().getOut(), a));
                return 0;
            }
        }

        @Command(name = "csr", description = "Show the pending CSR of a unit (--pem prints it for the CA).")
        static final class Csr implements Callable<Integer> {
            @Parameters(index = "0") String unit;
            @Option(names = "--pem") boolean pem;
            @Mixin Common c;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;

            @Override public Integer call() {
                JsonNode a = c.client().get("/api/v1/csr/" + NodeClient.enc(unit));
                if (pem) { spec.commandLine().getOut().print(a.get("pem").asText()); spec.commandLine().getOut().flush(); return 0; }
                print(spec, c, a, () -> printCsr(spec.commandLine().getOut(), a));
                return 0;
            }
        }
    }

    static void printXmpp(PrintWriter out, JsonNode s) {
        out.println("XMPP client to IM/P secure mode:   " + onOff(s.get("xmppClientSecureMode")));
        out.println("XMPP router-to-router secure mode: " + onOff(s.get("routerToRouterSecureMode")));
        out.println("Web client to IM/P secure mode:    " + onOff(s.get("webClientSecureMode")));
        out.println("Wildcard in XMPP federation certs: " + onOff(s.get("federationWildcard")));
        out.println("Hosted domains:                    " + join(s.get("hostedDomains")));
    }

    static void printModes(PrintWriter out, JsonNode s) {
        out.println("FIPS mode:               " + onOff(s.get("fips")));
        out.println("Enhanced security mode:  " + onOff(s.get("enhancedSecurity")));
        out.println("Common criteria mode:    " + onOff(s.get("commonCriteria")));
        out.println("Minimum TLS version:     " + s.get("minTlsVersion").asText() + "  (protocols " + join(s.get("protocols")) + ")");
        out.println("Exchange authentication: " + s.get("exchangeAuthentication").asText() + " -> " + join(s.get("exchangeMechanisms")));
        out.println("Audit logging required:  " + (s.get("auditLogging").asBoolean() ? "yes" : "no"));
        if (s.get("currentViolations").size() > 0) {
            out.println("Current violations:");
            for (JsonNode v : s.get("currentViolations")) out.println("  - " + v.get("code").asText() + " " + v.get("objectKind").asText() + " '" + v.get("objectName").asText() + "': " + v.get("message").asText());
        }
    }

    static void printContext(PrintWriter out, JsonNode x) {
        out.println(x.get("name").asText() + (x.get("isDefault").asBoolean() ? " (default)" : "") + (x.hasNonNull("description") ? " - " + x.get("description").asText() : ""));
        out.println("  peer subjects: " + join(x.get("peerSubjects")));
        out.println("  cipher suites: " + join(x.get("cipherSuites")));
    }

    static String onOff(JsonNode b) { return b.asBoolean() ? "on" : "off"; }

    static void describe(PrintWriter out, JsonNode cert) {
        out.println("  subject:     " + cert.get("subject").asText());
        out.println("  issuer:      " + cert.get("issuer").asText());
        out.println("  serial:      " + cert.get("serial").asText());
        out.println("  valid:       " + cert.get("notBefore").asText() + " .. " + cert.get("notAfter").asText());
        out.println("  key:         " + cert.get("keyType").asText() + " " + cert.get("keySize").asInt() + " (" + cert.get("signatureAlgorithm").asText() + ")");
        out.println("  SANs:        " + join(cert.get("subjectAltNames")));
        out.println("  key usage:   " + join(cert.get("keyUsage")));
        out.println("  ext. usage:  " + join(cert.get("extendedKeyUsage")));
        out.println("  SHA-256:     " + cert.get("sha256Fingerprint").asText());
        out.println("  self-signed: " + (cert.get("selfSigned").asBoolean() ? "yes" : "no (CA-signed)"));
    }

    static void printCsr(PrintWriter out, JsonNode a) {
        out.println("CSR for " + a.get("purpose").asText() + " on " + a.get("node").asText() + (a.get("multiServer").asBoolean() ? " (multi-server)" : "")
                + ", generated " + a.get("createdAt").asText());
        out.println("  subject:     " + a.get("subject").asText());
        out.println("  key:         " + a.get("keyType").asText());
        out.println("  SANs:        " + join(a.get("subjectAltNames")));
        out.println("  key usage:   " + join(a.get("keyUsage")));
        out.println("  ext. usage:  " + join(a.get("extendedKeyUsage")));
    }

    static String join(JsonNode arr) {
        List<String> l = new ArrayList<>();
        if (arr != null) for (JsonNode n : arr) l.add(n.asText());
        return l.isEmpty() ? "-" : String.join(", ", l);
    }

    // ================================================================== set
    @Command(name = "set", description = "Change certificates and settings.", subcommands = {SetCmd.Cert.class, SetCmd.CsrCmd.class, SetCmd.Xmpp.class, SetCmd.Tls.class, SetCmd.ExchangeAuth.class})
    static final class SetCmd {
        /** Key, hash, subject and SAN options of regen / CSR. */
        static final class CertOptions {
            @Option(names = "--key-size", description = "RSA 2048|3072|4096, EC 256|384") Integer keySize;
            @Option(names = "--hash", description = "SHA256 (default) | SHA384 | SHA512") String hash;
            @Option(names = "--o") String o;
            @Option(names = "--ou") String ou;
            @Option(names = "--l") String l;
            @Option(names = "--st") String st;
            @Option(names = "--c", description = "two-letter country") String country;
            @Option(names = "--san", description = "extra subject alternative name (repeatable)") List<String> sans = new ArrayList<>();
            @Option(names = "--multi-server", description = "multi-server (SAN) certificate for every cluster node (tomcat, cup-xmpp, cup-xmpp-s2s and -ECDSA only)") boolean multi;

            Map<String, Object> body(Integer validityDays) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("keySize", keySize); m.put("hash", hash); m.put("validityDays", validityDays);
                m.put("o", o); m.put("ou", ou); m.put("l", l); m.put("st", st); m.put("c", country);
                m.put("sans", sans); m.put("multiServer", multi);
                return m;
            }
        }

        @Command(name = "cert", description = "set cert regen UNIT | set cert import own|trust ... | set cert delete trust STORE NAME",
                subcommands = {Cert.Regen.class, Cert.Import.class, Cert.Delete.class})
        static final class Cert {
            @Command(name = "regen", description = "Regenerate the self-signed certificate of a unit (C3).")
            static final class Regen implements Callable<Integer> {
                @Parameters(index = "0") String unit;
                @Option(names = "--validity-days", description = "default 1825 (5 years)") Integer validityDays;
                @Mixin CertOptions opts;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                @Override public Integer call() {
                    JsonNode a = c.client().postJson("/api/v1/certs/own/" + NodeClient.enc(unit) + "/regenerate", opts.body(validityDays));
                    print(spec, c, a, () -> {
                        PrintWriter out = spec.commandLine().getOut();
                        out.println("Successfully regenerated the self-signed " + a.get("purpose").asText() + " certificate on " + a.get("node").asText() + ".");
                        describe(out, a.get("certificate"));
                        out.println("Restart required: see `ucsec utils service list`.");
                    });
                    return 0;
                }
            }

            @Command(name = "import", description = "set cert import trust STORE FILE [--description D] | set cert import own UNIT FILE",
                    subcommands = {Import.Trust.class, Import.Own.class})
            static final class Import {
                @Command(name = "trust", description = "Upload a CA root, an intermediate, or a PEM bundle (any order) into a trust store (C5).")
                static final class Trust implements Callable<Integer> {
                    @Parameters(index = "0") String store;
                    @Parameters(index = "1") Path file;
                    @Option(names = "--description") String description;
                    @Mixin Common c;
                    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                    @Override public Integer call() throws Exception {
                        byte[] b = readUpload(file);
                        String q = description == null ? "" : "?description=" + NodeClient.enc(description);
                        JsonNode a = withFile(file, () -> c.client().postBytes("/api/v1/trust/" + NodeClient.enc(store) + q, b, "application/x-pem-file"));
                        print(spec, c, a, () -> {
                            PrintWriter out = spec.commandLine().getOut();
                            for (JsonNode e : a.get("added")) out.println("imported " + e.get("store").asText() + "/" + e.get("name").asText() + ": " + e.get("certificate").get("subject").asText());
                            for (JsonNode e : a.get("alreadyPresent")) out.println("already present " + e.get("store").asText() + "/" + e.get("name").asText() + ": " + e.get("certificate").get("subject").asText());
                        });
                        return 0;
                    }
                }

                @Command(name = "own", description = "Install the CA-signed certificate for a unit's pending CSR (C6).")
                static final class Own implements Callable<Integer> {
                    @Parameters(index = "0") String unit;
                    @Parameters(index = "1") Path file;
                    @Option(names = "--allow-key-usage-change", description = "install even if the CA dropped requested key usages") boolean allow;
                    @Mixin Common c;
                    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                    @Override public Integer call() throws Exception {
                        byte[] b = readUpload(file);
                        JsonNode a = withFile(file, () -> c.client().postBytes("/api/v1/certs/own/" + NodeClient.enc(unit) + (allow ? "?allowKeyUsageChange=true" : ""), b, "application/x-pem-file"));
                        print(spec, c, a, () -> {
                            PrintWriter out = spec.commandLine().getOut();
                            out.println("Installed the CA-signed " + a.get("purpose").asText() + " certificate" + (a.get("multiServer").asBoolean() ? " on every cluster node" : " on " + a.get("node").asText()) + ".");
                            describe(out, a.get("certificate"));
                            out.println("Restart required: see `ucsec utils service list`.");
                        });
                        return 0;
                    }
                }
            }

            @Command(name = "delete", description = "set cert delete trust STORE NAME: delete a self-signed trust certificate (C10).")
            static final class Delete implements Callable<Integer> {
                @Parameters(index = "0", description = "trust") String kind;
                @Parameters(index = "1") String store;
                @Parameters(index = "2") String name;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                @Override public Integer call() {
                    if (!kind.equals("trust")) throw new CommandLine.ParameterException(spec.commandLine(), "only trust certificates can be deleted: set cert delete trust STORE NAME");
                    JsonNode a = c.client().delete("/api/v1/trust/" + NodeClient.enc(store) + "/" + NodeClient.enc(name));
                    print(spec, c, a, () -> spec.commandLine().getOut().println("deleted " + a.get("store").asText() + "/" + a.get("name").asText() + " (" + a.get("certificate").get("subject").asText() + ")"));
                    return 0;
                }
            }
        }

        @Command(name = "exchange-auth", description = "set exchange-auth Auto|Basic: FIPS mode Exchange server authentication (S6).")
        static final class ExchangeAuth implements Callable<Integer> {
            @Parameters(index = "0", description = "Auto (NTLMv2, then Basic) | Basic") String value;
            @Mixin Common c;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;
            @Override public Integer call() {
                JsonNode a = c.client().putJson("/api/v1/security/exchange-authentication", Map.of("value", value));
                print(spec, c, a, () -> printModes(spec.commandLine().getOut(), a));
                return 0;
            }
        }

        @Command(name = "tls", description = "set tls peer-subject add|delete CN | set tls context NAME ... | set tls context-delete NAME",
                subcommands = {Tls.PeerSubject.class, Tls.Context.class, Tls.ContextDelete.class, Tls.MinVersion.class})
        static final class Tls {
            @Command(name = "min-version", description = "set tls min-version 1.0|1.1|1.2|1.3 [--force]: minimum TLS version of every listener (S5).")
            static final class MinVersion implements Callable<Integer> {
                @Parameters(index = "0") String version;
                @Option(names = "--force") boolean force;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;
                @Override public Integer call() {
                    JsonNode a = c.client().putJson("/api/v1/security/min-tls" + (force ? "?force=true" : ""), Map.of("value", version));
                    print(spec, c, a, () -> { printModes(spec.commandLine().getOut(), a.get("status")); spec.commandLine().getOut().println("Restart required: " + join(a.get("restartsMarked"))); });
                    return 0;
                }
            }

            @Command(name = "peer-subject", description = "Add or delete a TLS peer subject (S3).")
            static final class PeerSubject implements Callable<Integer> {
                @Parameters(index = "0", description = "add | delete") String action;
                @Parameters(index = "1", description = "CN of the peer certificate (host name, FQDN or IP)") String cn;
                @Option(names = "--description") String description;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;
                @Override public Integer call() {
                    JsonNode a = switch (action) {
                        case "add" -> { Map<String, Object> b = new LinkedHashMap<>(); b.put("cn", cn); b.put("description", description); yield c.client().postJson("/api/v1/tls/peer-subjects", b); }
                        case "delete" -> c.client().delete("/api/v1/tls/peer-subjects/" + NodeClient.enc(cn));
                        default -> throw new CommandLine.ParameterException(spec.commandLine(), "expected add or delete, got '" + action + "'");
                    };
                    print(spec, c, a, () -> spec.commandLine().getOut().println((action.equals("add") ? "added " : "deleted ") + a.get("cn").asText()));
                    return 0;
                }
            }

            @Command(name = "context", description = "Create or change a TLS context (S4): selected peer subjects and cipher suites. Marks the SIP proxy restart.")
            static final class Context implements Callable<Integer> {
                @Parameters(index = "0") String name;
                @Option(names = "--description") String description;
                @Option(names = "--peer-subjects", split = ",", description = "comma-separated CNs (replaces the selection)") List<String> peers;
                @Option(names = "--ciphers", split = ",", description = "comma-separated suite names, IANA or OpenSSL (replaces the selection)") List<String> ciphers;
                @Option(names = "--cipher-string", description = "OpenSSL cipher string, expanded by the engine (replaces the selection)") String cipherString;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;
                @Override public Integer call() {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("description", description); b.put("peerSubjects", peers); b.put("cipherSuites", ciphers); b.put("cipherString", cipherString);
                    JsonNode a = c.client().putJson("/api/v1/tls/contexts/" + NodeClient.enc(name), b);
                    print(spec, c, a, () -> { printContext(spec.commandLine().getOut(), a); spec.commandLine().getOut().println("Restart required: utils service restart \"Cisco SIP Proxy\""); });
                    return 0;
                }
            }

            @Command(name = "context-delete", description = "Delete a TLS context (not the default).")
            static final class ContextDelete implements Callable<Integer> {
                @Parameters(index = "0") String name;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;
                @Override public Integer call() {
                    JsonNode a = c.client().delete("/api/v1/tls/contexts/" + NodeClient.enc(name));
                    print(spec, c, a, () -> spec.commandLine().getOut().println("deleted " + a.get("name").asText()));
                    return 0;
                }
            }
        }

        @Command(name = "xmpp", description = "Change secure XMPP settings (S2), the federation wildcard (C9) and hosted domains.")
        static final class Xmpp implements Callable<Integer> {
            @Option(names = "--client-secure", description = "on|off: XMPP client to IM/P secure mode (default on)") String client;
            @Option(names = "--router-secure", description = "on|off: XMPP router-to-router secure mode") String router;
            @Option(names = "--web-client-secure", description = "on|off: web client to IM/P secure mode") String web;
            @Option(names = "--wildcard", description = "on|off: wildcard in XMPP federation security certificates") String wildcard;
            @Option(names = "--hosted-domains", split = ",", description = "comma-separated hosted domains") List<String> domains;
            @Mixin Common c;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;

            @Override public Integer call() {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("xmppClientSecureMode", bool(spec, "--client-secure", client));
                body.put("routerToRouterSecureMode", bool(spec, "--router-secure", router));
                body.put("webClientSecureMode", bool(spec, "--web-client-secure", web));
                body.put("federationWildcard", bool(spec, "--wildcard", wildcard));
                body.put("hostedDomains", domains);
                JsonNode a = c.client().putJson("/api/v1/settings/xmpp", body);
                print(spec, c, a, () -> {
                    PrintWriter out = spec.commandLine().getOut();
                    printXmpp(out, a.get("settings"));
                    for (JsonNode w : a.get("warnings")) out.println("WARNING: " + w.asText());
                    for (JsonNode m : a.get("restartsMarked")) out.println("marked: " + m.asText());
                });
                for (JsonNode w : a.get("warnings")) spec.commandLine().getErr().println("WARNING: " + w.asText());
                return 0;
            }
        }

        @Command(name = "csr", description = "set csr gen UNIT: generate a CSR (C4).", subcommands = {CsrCmd.Gen.class})
        static final class CsrCmd {
            @Command(name = "gen", description = "Generate a CSR for a unit; the private key stays on the node.")
            static final class Gen implements Callable<Integer> {
                @Parameters(index = "0") String unit;
                @Option(names = "--out", description = "save the CSR PEM to this file") Path outFile;
                @Mixin CertOptions opts;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                @Override public Integer call() throws Exception {
                    JsonNode a = c.client().postJson("/api/v1/csr/" + NodeClient.enc(unit), opts.body(null));
                    if (outFile != null) Files.writeString(outFile, a.get("pem").asText());
                    print(spec, c, a, () -> {
                        PrintWriter out = spec.commandLine().getOut();
                        out.println("Successfully generated a CSR for " + a.get("purpose").asText() + ".");
                        printCsr(out, a);
                        if (outFile != null) out.println("saved " + outFile);
                        else out.print(a.get("pem").asText());
                    });
                    return 0;
                }
            }
        }
    }

    static Boolean bool(CommandLine.Model.CommandSpec spec, String option, String v) {
        if (v == null) return null;
        return switch (v.toLowerCase()) {
            case "on", "true", "yes", "enable", "enabled" -> true;
            case "off", "false", "no", "disable", "disabled" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), option + " takes on or off, not '" + v + "'");
        };
    }

    /** Names the uploaded file in a refusal (the node only sees bytes). */
    static JsonNode withFile(Path file, java.util.function.Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (NodeClient.CliError e) {
            throw new NodeClient.CliError(e.exit, e.getMessage() + " (file " + file + ")", e.problem);
        }
    }

    /** Reads an upload file, refusing an oversized one before reading it all (the node refuses it too). */
    static byte[] readUpload(Path file) throws Exception {
        if (!Files.isReadable(file)) throw new UcsecException("upload.unreadable", "cannot read " + file);
        long size = Files.size(file);
        if (size > org.ucsec.node.platform.rest.Router.MAX_UPLOAD) throw new UcsecException("upload.too-large",
                file + " is " + size + " bytes, larger than the " + (org.ucsec.node.platform.rest.Router.MAX_UPLOAD / 1024) + " KiB limit; nothing was sent");
        return Files.readAllBytes(file);
    }

    // ================================================================== cert import-tool (C7)
    @Command(name = "cert", description = "Certificate tools.", subcommands = {CertTools.ImportTool.class})
    static final class CertTools {
        @Command(name = "import-tool", description = "Connect to a live peer with TLS, show its chain and import it into a trust store (C7).")
        static final class ImportTool implements Callable<Integer> {
            @Option(names = "--store", required = true, description = "trust store, e.g. cup-trust, CallManager-trust") String store;
            @Option(names = "--host", required = true, description = "IP address, host name or FQDN") String host;
            @Option(names = "--port", required = true) int port;
            @Option(names = "--key-type", description = "rsa | ecdsa | any (default): which certificate of a dual-certificate peer") String keyType;
            @Mixin Common c;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;

            @Override public Integer call() {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("host", host); b.put("port", port); b.put("keyType", keyType);
                PrintWriter out = spec.commandLine().getOut();
                JsonNode a;
                try {
                    a = c.client().postJson("/api/v1/trust/" + NodeClient.enc(store) + "/import-from-peer", b);
                } catch (NodeClient.CliError e) {
                    if (e.problem != null && e.problem.has("phases")) for (JsonNode p : e.problem.get("phases")) printPhase(spec.commandLine().getErr(), p);
                    throw e;
                }
                print(spec, c, a, () -> {
                    for (JsonNode p : a.get("phases")) printPhase(out, p);
                    out.println("negotiated: " + a.get("protocol").asText() + " " + a.get("cipherSuite").asText() + ", server key " + a.get("keyType").asText() + " " + a.get("keySize").asInt());
                    out.println("chain:");
                    for (JsonNode x : a.get("chain")) out.println("  " + x.get("subject").asText() + "  (issuer " + x.get("issuer").asText() + ", SHA-256 " + x.get("sha256Fingerprint").asText() + ")");
                    for (JsonNode x : a.get("imported")) out.println("imported " + a.get("store").asText() + "/" + x.asText());
                    for (JsonNode x : a.get("alreadyPresent")) out.println("already present " + a.get("store").asText() + "/" + x.asText());
                    if (a.hasNonNull("peerSubjectAdded")) out.println("TLS peer subject " + a.get("peerSubjectAdded").asText() + " added to the list and to Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context");
                });
                return 0;
            }

            static void printPhase(PrintWriter out, JsonNode p) {
                out.printf("%-12s %-7s %5d ms  %s%n", p.get("phase").asText(), p.get("status").asText(), p.get("millis").asLong(), p.path("message").asText(""));
                out.flush();
            }
        }
    }

    // ================================================================== cipher (local, no node)
    @Command(name = "cipher", description = "Cipher-string tools (local; no node needed).", subcommands = {Cipher.Preview.class})
    static final class Cipher {
        @Command(name = "preview", description = "Expand an OpenSSL cipher string into the ordered TLS <= 1.2 suites it selects (P9, S4, S5).")
        static final class Preview implements Callable<Integer> {
            @Parameters(index = "0", arity = "0..1", description = "the cipher string, e.g. 'ECDHE+AESGCM:!aNULL' (empty = phone default)") String string;
            @Option(names = "--phone", description = "phone dialect: only seed 003's supported words; shows each application's fallback when empty or invalid") boolean phone;
            @Option(names = "--json") boolean json;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;

            @Override public Integer call() {
                var result = new org.ucsec.tls.cipher.CipherPreview().preview(string == null ? "" : string, phone);
                PrintWriter out = spec.commandLine().getOut();
                if (json) out.println(Json.write(result));
                else out.print(org.ucsec.tls.cipher.CipherPreview.renderText(result));
                out.flush();
                return result.valid() ? 0 : NodeClient.EXIT_REFUSED;
            }
        }
    }

    // ================================================================== utils
    @Command(name = "utils", description = "Platform utilities.", subcommands = {Utils.Service.class, Utils.Fips.class, Utils.Enhanced.class, Utils.CommonCriteria.class})
    static final class Utils {
        /** enable | disable | status of one security mode (S5). */
        abstract static class ModeCommand implements Callable<Integer> {
            @Parameters(index = "0", description = "enable | disable | status") String action;
            @Option(names = "--force", description = "apply even though objects violate the mode (they are listed)") boolean force;
            @Mixin Common c;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;

            abstract String mode();

            @Override public Integer call() {
                PrintWriter out = spec.commandLine().getOut();
                if (action.equals("status")) {
                    JsonNode a = c.client().get("/api/v1/security/modes");
                    print(spec, c, a, () -> printModes(out, a));
                    return 0;
                }
                if (!action.equals("enable") && !action.equals("disable")) throw new CommandLine.ParameterException(spec.commandLine(), "expected enable, disable or status");
                JsonNode a = c.client().postJson("/api/v1/security/modes/" + mode() + "/" + action + (force ? "?force=true" : ""), Map.of());
                print(spec, c, a, () -> {
                    printModes(out, a.get("status"));
                    for (JsonNode v : a.get("violationsAccepted")) out.println("FORCED OVER: " + v.get("code").asText() + " " + v.get("objectKind").asText() + " '" + v.get("objectName").asText() + "': " + v.get("message").asText());
                    out.println("Restart required: " + join(a.get("restartsMarked")));
                });
                return 0;
            }
        }

        @Command(name = "fips", description = "utils fips enable|disable|status [--force]")
        static final class Fips extends ModeCommand { String mode() { return "fips"; } }

        @Command(name = "EnhancedSecurityMode", description = "utils EnhancedSecurityMode enable|disable|status [--force] (requires FIPS)")
        static final class Enhanced extends ModeCommand { String mode() { return "enhanced-security"; } }

        @Command(name = "fips_common_criteria", description = "utils fips_common_criteria enable|disable|status [--force] (requires FIPS; TLS 1.2+)")
        static final class CommonCriteria extends ModeCommand { String mode() { return "common-criteria"; } }

        @Command(name = "service", description = "utils service list | utils service restart NAME", subcommands = {Service.ListCmd.class, Service.Restart.class})
        static final class Service {
            @Command(name = "list", description = "Services with state and pending restarts (C12).")
            static final class ListCmd implements Callable<Integer> {
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                @Override public Integer call() {
                    JsonNode a = c.client().get("/api/v1/services");
                    print(spec, c, a, () -> {
                        PrintWriter out = spec.commandLine().getOut();
                        for (JsonNode s : a) out.printf("%-48s %-10s %-12s %s%n", s.get("name").asText() + " [" + s.get("id").asText() + "]", s.get("node").asText(),
                                s.get("state").asText(), s.get("restartPending").asBoolean() ? "RESTART REQUIRED: " + s.get("pendingReason").asText() : "");
                    });
                    return 0;
                }
            }

            @Command(name = "restart", description = "Restart a service: hosted = hot reload, managed = run its hook.")
            static final class Restart implements Callable<Integer> {
                @Parameters(index = "0", arity = "1..*", description = "service id or name, e.g. admin or \"Cisco Tomcat\"") List<String> name;
                @Mixin Common c;
                @CommandLine.Spec CommandLine.Model.CommandSpec spec;

                @Override public Integer call() {
                    JsonNode a = c.client().postJson("/api/v1/services/" + NodeClient.enc(String.join(" ", name)) + "/restart", Map.of());
                    print(spec, c, a, () -> spec.commandLine().getOut().println(a.get("service").asText() + " restarted on " + a.get("node").asText() + ": " + a.get("result").asText()));
                    return 0;
                }
            }
        }
    }
}
