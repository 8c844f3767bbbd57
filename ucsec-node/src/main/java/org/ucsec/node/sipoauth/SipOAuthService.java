package org.ucsec.node.sipoauth;

import org.jdbi.v3.core.Handle;
import org.ucsec.core.UcsecException;
import org.ucsec.node.audit.AuditRepo;
import org.ucsec.node.listeners.HostedListener;
import org.ucsec.node.listeners.ListenerRegistry;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.ClusterRepo;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.node.platform.Text;
import org.ucsec.node.restarts.RestartRepo;
import org.ucsec.node.sipoauth.SipOAuthRepo.ExpresswayRow;
import org.ucsec.node.sipoauth.SipOAuthRepo.PortRow;
import org.ucsec.node.sipoauth.SipOAuthSeed.Parameter;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.pki.CertInfo;
import org.ucsec.pki.Pem;
import org.ucsec.pki.SanNames;
import org.ucsec.pki.catalogue.ListenerDef;
import org.ucsec.pki.path.CertPurpose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SIP OAuth configuration (SPEC O2-O7, seed 004): the enterprise parameters, the per-node OAuth ports, the Expressway-C
 * connections and the cluster SIP OAuth mode. Cluster-wide values live in the store's {@code setting} table (scope
 * {@code cluster}); every change is one transaction with its audit line; a refusal changes nothing.
 */
public final class SipOAuthService {
    /** The hosted services of the registration edge (services.tsv, listeners.tsv): the 5090 and 5091 listeners. */
    public static final String EDGE_SERVICE = "sip-oauth", MRA_SERVICE = "sip-oauth-mra", TOKEN_SERVICE = "sip-oauth-token";
    /** CUCM's CallManager service: the seed's step 7 restarts it on every node with OAuth registrations (O7). */
    public static final String CALLMANAGER = "callmanager";
    static final String SETTING_PREFIX = "sipoauth.";
    public static final int MAX_SUBJECTS = 32;

    private final NodeContext ctx;
    private final TrustStoreService trust;
    private final ListenerRegistry listeners;
    private final SipOAuthSeed seed = SipOAuthSeed.get();
    private final Map<Integer, String> nodePorts = loadNodePorts();

    public SipOAuthService(NodeContext ctx, TrustStoreService trust, ListenerRegistry listeners) {
        this.ctx = ctx;
        this.trust = trust;
        this.listeners = listeners;
    }

    // ------------------------------------------------------------------ enterprise parameters (O2, O3, O6)
    public record ParameterView(String id, String name, String seedName, String value, String valueName, boolean writable, List<String> allowed, String defaultValue) {}

    /** Body of {@code PUT .../parameters/{id}}: the value's id, English text or seed text. */
    public record ParameterChange(String value) {}

    public List<ParameterView> parameters() { return ctx.store().read(h -> seed.parameters().stream().map(p -> view(h, p)).toList()); }

    public ParameterView parameter(String nameOrId) {
        Parameter p = seed.findParameter(nameOrId);
        return ctx.store().read(h -> view(h, p));
    }

    private ParameterView view(Handle h, Parameter p) {
        SipOAuthSeed.Value v = current(h, p);
        return new ParameterView(p.id(), p.name(), p.seedName(), v.id(), v.name(), p.writable(), p.values().stream().map(SipOAuthSeed.Value::name).toList(),
                p.defaultValue().name());
    }

    static SipOAuthSeed.Value current(Handle h, Parameter p) {
        return SettingsRepo.get(h, "cluster", SETTING_PREFIX + p.id()).flatMap(p::value).orElse(p.defaultValue());
    }

    /** Whether explicit onboarding (activation codes) is required (O2). */
    public static boolean explicitOnboarding(Handle h) { return current(h, SipOAuthSeed.get().parameter(SipOAuthSeed.ACCESS_TOKEN)).id().equals("explicit"); }

    /** Whether refresh tokens are issued (O3). */
    public static boolean refreshLogin(Handle h) { return current(h, SipOAuthSeed.get().parameter(SipOAuthSeed.REFRESH_LOGIN)).id().equals("enabled"); }

    /** Whether the cluster SIP OAuth mode is enabled (O6). */
    public static boolean modeEnabled(Handle h) { return current(h, SipOAuthSeed.get().parameter(SipOAuthSeed.CLUSTER_MODE)).id().equals("enabled"); }

    public Change<ParameterView> setParameter(Actor actor, String nameOrId, ParameterChange change) {
        actor.requireAdmin("change enterprise parameters");
        Parameter p = seed.findParameter(nameOrId);
        if (!p.writable())
            throw new UcsecException("sipoauth.parameter-read-only", "\"" + p.name() + "\" is read-only: it follows 'utils sipOAuth-mode enable|disable' on the publisher");
        String given = change == null ? null : change.value();
        SipOAuthSeed.Value v = p.value(given).orElseThrow(() -> new UcsecException("sipoauth.parameter-value-invalid",
                "'" + (given == null ? "" : given.strip()) + "' is not a value of \"" + p.name() + "\" (allowed: "
                        + String.join(" | ", p.values().stream().map(x -> x.id() + " = \"" + x.name() + "\"").toList()) + ")"));
        return ctx.store().tx(h -> {
            SipOAuthSeed.Value before = current(h, p);
            if (before.id().equals(v.id())) return Change.unchanged(view(h, p));
            SettingsRepo.put(h, "cluster", SETTING_PREFIX + p.id(), v.id());
            AuditRepo.audit(h, ctx.now(), actor.name(), "sipoauth.parameter.set", p.id(), before.id() + " -> " + v.id());
            List<String> warnings = new ArrayList<>();
            if (p.id().equals(SipOAuthSeed.ACCESS_TOKEN) && v.id().equals("explicit"))
                warnings.add("devices now get tokens only with an activation code ('set sipoauth activation-code DEVICE'); tokens already issued stay valid until they expire");
            if (p.id().equals(SipOAuthSeed.REFRESH_LOGIN) && v.id().equals("disabled"))
                warnings.add("no refresh tokens are issued or accepted from now on; devices onboard again when their access token expires");
            return Change.of(view(h, p), warnings, List.of());
        });
    }

    // ------------------------------------------------------------------ ports (O4)
    /** tokenPort: the token endpoint (O10; ucsec's, not the seed's). */
    public record NodePorts(String node, int phoneOAuthPort, int mraPort, int tokenPort, boolean configured) {}

    /** Body of {@code PUT /api/v1/sipoauth/ports/{node}}: null = unchanged. */
    public record PortsChange(Integer phoneOAuthPort, Integer mraPort, Integer tokenPort) {}

    public List<NodePorts> ports() {
        return ctx.store().read(h -> callControlNodes(h).stream().map(n -> portsOf(h, n.name())).toList());
    }

    public NodePorts ports(String node) { return ctx.store().read(h -> portsOf(h, requireCallControl(h, node).name())); }

    /** The ports of {@code node}: configured, or the seed's defaults. */
    public static NodePorts portsOf(Handle h, String node) {
        SipOAuthSeed s = SipOAuthSeed.get();
        return SipOAuthRepo.ports(h, node).map(r -> new NodePorts(node, r.phonePort(), r.mraPort(), r.tokenPort(), true))
                .orElse(new NodePorts(node, s.port(SipOAuthSeed.PHONE_PORT).defaultPort(), s.port(SipOAuthSeed.MRA_PORT).defaultPort(),
                        s.port(SipOAuthSeed.TOKEN_PORT).defaultPort(), false));
    }

    public Change<NodePorts> setPorts(Actor actor, String nodeName, PortsChange change) {
        actor.requireAdmin("change the SIP OAuth ports");
        if (change == null || (change.phoneOAuthPort() == null && change.mraPort() == null && change.tokenPort() == null))
            throw new UcsecException("sipoauth.port-missing", "give the SIP phone OAuth port, the SIP mobile and remote access port or the token endpoint port");
        SipOAuthSeed.Port phoneDef = seed.port(SipOAuthSeed.PHONE_PORT), mraDef = seed.port(SipOAuthSeed.MRA_PORT), tokenDef = seed.port(SipOAuthSeed.TOKEN_PORT);
        if (change.phoneOAuthPort() != null) checkRange(phoneDef, change.phoneOAuthPort());
        if (change.mraPort() != null) checkRange(mraDef, change.mraPort());
        if (change.tokenPort() != null) checkRange(tokenDef, change.tokenPort());
        return ctx.store().tx(h -> {
            String node = requireCallControl(h, nodeName == null || nodeName.isBlank() ? ctx.node() : nodeName).name();
            NodePorts before = portsOf(h, node);
            int phone = change.phoneOAuthPort() != null ? change.phoneOAuthPort() : before.phoneOAuthPort();
            int mra = change.mraPort() != null ? change.mraPort() : before.mraPort();
            int token = change.tokenPort() != null ? change.tokenPort() : before.tokenPort();
            Map<SipOAuthSeed.Port, Integer> mine = new LinkedHashMap<>();
            mine.put(phoneDef, phone);
            mine.put(mraDef, mra);
            mine.put(tokenDef, token);
            for (var a : mine.entrySet())
                for (var b : mine.entrySet())
                    if (a.getKey() != b.getKey() && a.getValue().equals(b.getValue()) && (change.phoneOAuthPort() != null && a.getKey() == phoneDef
                            || change.mraPort() != null && a.getKey() == mraDef || change.tokenPort() != null && a.getKey() == tokenDef))
                        throw new UcsecException("sipoauth.port-clash", a.getKey().name() + " " + a.getValue() + " of " + node + " is already its "
                                + b.getKey().name() + "; each needs a port of its own", Map.of("port", a.getValue(), "clashesWith", b.getKey().name()));
            Map<Integer, String> taken = otherPorts(node);
            for (var e : mine.entrySet()) {
                String other = taken.get(e.getValue());
                if (other != null)
                    throw new UcsecException("sipoauth.port-clash", e.getKey().name() + " " + e.getValue() + " of " + node + " is already the port of " + other
                            + "; choose another port", Map.of("port", e.getValue(), "clashesWith", other));
            }
            if (before.configured() && before.phoneOAuthPort() == phone && before.mraPort() == mra && before.tokenPort() == token) return Change.unchanged(before);
            SipOAuthRepo.putPorts(h, new PortRow(node, phone, mra, token, ctx.now()));
            AuditRepo.audit(h, ctx.now(), actor.name(), "sipoauth.ports.set", node, "phone " + before.phoneOAuthPort() + " -> " + phone + ", mra " + before.mraPort() + " -> " + mra
                    + ", token " + before.tokenPort() + " -> " + token);
            List<String> marked = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            if (modeEnabled(h)) marked.addAll(markEdge(h, List.of(node), "SIP OAuth ports of " + node + " changed"));
            else warnings.add("SIP OAuth mode is disabled: the OAuth ports listen after 'utils sipOAuth-mode enable' on the publisher and the restarts it marks");
            return Change.of(portsOf(h, node), warnings, marked);
        });
    }

    private static void checkRange(SipOAuthSeed.Port def, int port) {
        if (port < def.min() || port > def.max())
            throw new UcsecException("sipoauth.port-out-of-range", def.name() + " " + port + " is outside " + def.min() + "-" + def.max() + " (seed 004)",
                    Map.of("port", port, "field", def.id()));
    }

    /**
     * Every other port of {@code node}: its hosted listeners (bound ports on this node when they run, listeners.tsv
     * defaults otherwise) and the fixed call-control ports of {@code node-ports.tsv}; the SIP OAuth listeners excepted.
     */
    Map<Integer, String> otherPorts(String node) {
        Map<Integer, String> out = new LinkedHashMap<>(nodePorts);
        boolean here = node.equals(ctx.node());
        Map<String, Integer> running = new LinkedHashMap<>();
        if (here) for (HostedListener.Status s : listeners.status()) running.put(s.service(), s.port());
        for (ListenerDef d : ctx.catalogue().listeners()) {
            if (d.service().equals(EDGE_SERVICE) || d.service().equals(MRA_SERVICE) || d.service().equals(TOKEN_SERVICE)) continue;
            Integer p = running.getOrDefault(d.service(), d.defaultPort());
            if (p != null && p > 0) out.put(p, "the " + d.service() + " listener" + (running.containsKey(d.service()) ? "" : " (its default port)"));
        }
        return out;
    }

    private static Map<Integer, String> loadNodePorts() {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (InputStream in = SipOAuthService.class.getResourceAsStream("node-ports.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                out.put(Integer.parseInt(f[1]), f[2] + " (" + f[0] + ")");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("node-ports.tsv: " + e.getMessage(), e);
        }
        return out;
    }

    /** Nodes with OAuth endpoints: the call-control (cucm) nodes of the cluster. */
    public static List<ClusterRepo.NodeRow> callControlNodes(Handle h) {
        return ClusterRepo.nodes(h).stream().filter(n -> n.product().equalsIgnoreCase("cucm")).toList();
    }

    private static ClusterRepo.NodeRow requireCallControl(Handle h, String node) {
        String n = node.strip().toLowerCase(Locale.ROOT);
        ClusterRepo.NodeRow row = ClusterRepo.node(h, n).orElseThrow(() -> new UcsecException("sipoauth.node-unknown", "no node '" + n + "' in the cluster (nodes: "
                + String.join(", ", ClusterRepo.nodes(h).stream().map(ClusterRepo.NodeRow::name).toList()) + ")"));
        if (!row.product().equalsIgnoreCase("cucm"))
            throw new UcsecException("sipoauth.not-call-control", "node " + n + " is a " + row.product() + " node; SIP OAuth ports belong to call-control (cucm) nodes");
        return row;
    }

    // ------------------------------------------------------------------ Expressway-C (O5)
    public record Expressway(String host, String description, List<String> subjects, String certificateSubject, String certificateFingerprint,
                             Boolean tomcatTrustVerifies, String verification, Instant updatedAt) {}

    /** Body of {@code PUT /api/v1/sipoauth/expressway-c/{host}}: subjects = X.509 subject names / SANs; certificatePem optional. */
    public record ExpresswayChange(String description, List<String> subjects, String certificatePem) {}

    public List<Expressway> expressways() { return ctx.store().read(h -> SipOAuthRepo.expressways(h).stream().map(r -> view(h, r)).toList()); }

    public Expressway expressway(String host) {
        String hst = host(host);
        return ctx.store().read(h -> view(h, SipOAuthRepo.expressway(h, hst).orElseThrow(() -> unknownExpressway(hst))));
    }

    /** The subjects every Expressway-C entry admits on the MRA port (lower case). */
    public static List<String> allowedSubjects(Handle h) {
        List<String> out = new ArrayList<>();
        for (ExpresswayRow r : SipOAuthRepo.expressways(h)) for (String s : split(r.subjects())) if (!out.contains(s)) out.add(s);
        return out;
    }

    public Change<Expressway> putExpressway(Actor actor, String hostGiven, ExpresswayChange change) {
        actor.requireAdmin("change Expressway-C connections");
        String host = host(hostGiven);
        ExpresswayChange c = change == null ? new ExpresswayChange(null, null, null) : change;
        String desc = Text.description("description", c.description());
        List<String> subjects;
        if (c.subjects() != null && c.subjects().size() > MAX_SUBJECTS)
            throw new UcsecException("sipoauth.expressway-too-many-subjects", c.subjects().size() + " subject names given; at most " + MAX_SUBJECTS + " per Expressway-C");
        try {
            subjects = c.subjects() == null ? List.of() : SanNames.normalize(c.subjects());
        } catch (UcsecException e) {
            throw new UcsecException("sipoauth.expressway-subject-invalid", "X.509 subject name: " + e.getMessage());
        }
        X509Certificate cert = null;
        List<X509Certificate> chain = List.of();
        if (c.certificatePem() != null && !c.certificatePem().isBlank()) {
            chain = Pem.certificates(c.certificatePem().getBytes(StandardCharsets.US_ASCII));
            cert = chain.get(0);
            TrustStoreService.checkNames(cert);
        }
        if (subjects.isEmpty()) {
            if (cert != null) subjects = certNames(cert);
            else if (!SanNames.isIp(host)) subjects = List.of(host);
        }
        if (subjects.isEmpty())
            throw new UcsecException("sipoauth.expressway-subject-missing", "Expressway-C " + host + " needs the X.509 subject name / SANs of its certificate (--subjects)");
        List<String> finalSubjects = subjects;
        X509Certificate finalCert = cert;
        List<X509Certificate> finalChain = chain;
        return ctx.store().tx(h -> {
            Optional<ExpresswayRow> before = SipOAuthRepo.expressway(h, host);
            ExpresswayRow row = new ExpresswayRow(host, desc != null ? desc : before.map(ExpresswayRow::description).orElse(null), String.join(",", finalSubjects),
                    finalCert != null ? Pem.toPem(finalChain) : before.map(ExpresswayRow::certPem).orElse(null), ctx.now());
            SipOAuthRepo.putExpressway(h, row);
            AuditRepo.audit(h, ctx.now(), actor.name(), before.isPresent() ? "sipoauth.expressway.update" : "sipoauth.expressway.add", host, "subjects=" + row.subjects());
            Expressway v = view(h, row);
            List<String> warnings = new ArrayList<>();
            if (v.tomcatTrustVerifies() == null) warnings.add(v.verification());
            else if (!v.tomcatTrustVerifies()) warnings.add("tomcat-trust cannot verify the certificate of Expressway-C " + host + ": " + v.verification()
                    + "; upload its CA to tomcat-trust or MRA connections from it are refused (seed 004: Expressway-C and Tomcat certificates not signed by the same CA)");
            if (finalCert != null) {
                List<String> names = certNames(finalCert);
                List<String> notInCert = finalSubjects.stream().filter(s -> names.stream().noneMatch(s::equalsIgnoreCase)).toList();
                if (!notInCert.isEmpty()) warnings.add("subject names " + notInCert + " are not in the certificate's subject CN or SANs " + names);
            }
            return Change.of(v, warnings, markMra(h, "Expressway-C " + host + (before.isPresent() ? " changed" : " added")));
        });
    }

    public Change<Expressway> deleteExpressway(Actor actor, String hostGiven) {
        actor.requireAdmin("change Expressway-C connections");
        String host = host(hostGiven);
        return ctx.store().tx(h -> {
            ExpresswayRow row = SipOAuthRepo.expressway(h, host).orElseThrow(() -> unknownExpressway(host));
            Expressway v = view(h, row);
            SipOAuthRepo.deleteExpressway(h, host);
            AuditRepo.audit(h, ctx.now(), actor.name(), "sipoauth.expressway.delete", host, null);
            List<String> warnings = SipOAuthRepo.expressways(h).isEmpty() ? List.of("no Expressway-C is left: the MRA port admits nobody") : List.of();
            return Change.of(v, warnings, markMra(h, "Expressway-C " + host + " deleted"));
        });
    }

    /** The MRA listeners read the allowlist when they (re)load: a change marks their restart where the mode runs them. */
    private List<String> markMra(Handle h, String reason) {
        if (!modeEnabled(h)) return List.of();
        List<String> out = new ArrayList<>();
        for (ClusterRepo.NodeRow n : callControlNodes(h)) {
            RestartRepo.markRestart(h, n.name(), MRA_SERVICE, reason, ctx.now());
            out.add(MRA_SERVICE + "@" + n.name());
        }
        return out;
    }

    private Expressway view(Handle h, ExpresswayRow r) {
        String subject = null, fp = null, verification;
        Boolean verifies = null;
        if (r.certPem() == null) {
            verification = "no certificate of Expressway-C " + r.host() + " was given: ucsec cannot check that tomcat-trust verifies it (give it with --certificate)";
        } else {
            List<X509Certificate> chain = Pem.certificates(r.certPem().getBytes(StandardCharsets.US_ASCII));
            X509Certificate leaf = chain.get(0);
            subject = leaf.getSubjectX500Principal().getName();
            fp = CertInfo.fingerprint(leaf);
            try {
                trust.validator(h, "tomcat-trust").validate(leaf, chain.subList(1, chain.size()), CertPurpose.CLIENT, ctx.now());
                verifies = true;
                verification = "tomcat-trust verifies it";
            } catch (UcsecException e) {
                verifies = false;
                verification = e.code() + ": " + e.getMessage();
            }
        }
        return new Expressway(r.host(), r.description(), split(r.subjects()), subject, fp, verifies, verification, r.updatedAt());
    }

    static List<String> certNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        String cn = CertInfo.commonName(c);
        if (cn != null && !cn.isBlank()) out.add(cn.toLowerCase(Locale.ROOT));
        for (String san : CertInfo.sans(c)) {
            if (san.startsWith("DNS:") || san.startsWith("IP:")) {
                String n = san.substring(san.indexOf(':') + 1).toLowerCase(Locale.ROOT);
                if (!out.contains(n)) out.add(n);
            }
        }
        return out;
    }

    private static String host(String given) {
        if (given == null || given.isBlank()) throw new UcsecException("sipoauth.expressway-host-invalid", "the Expressway-C host (IP address, hostname or FQDN) is required");
        try {
            return SanNames.validate(given.strip());
        } catch (UcsecException e) {
            throw new UcsecException("sipoauth.expressway-host-invalid", "'" + given.strip() + "' is not an IP address, hostname or FQDN for an Expressway-C");
        }
    }

    private static UcsecException unknownExpressway(String host) {
        return new UcsecException("sipoauth.expressway-unknown", "no Expressway-C connection '" + host + "'");
    }

    static List<String> split(String s) {
        if (s == null || s.isBlank()) return List.of();
        return java.util.Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    // ------------------------------------------------------------------ SIP OAuth mode (O6, O7)
    public record Mode(String mode, boolean enabled, String clusterParameter, List<String> nodes) {}

    public Mode mode() {
        return ctx.store().read(h -> {
            boolean on = modeEnabled(h);
            return new Mode(on ? "enabled" : "disabled", on, current(h, seed.parameter(SipOAuthSeed.CLUSTER_MODE)).name(),
                    callControlNodes(h).stream().map(ClusterRepo.NodeRow::name).toList());
        });
    }

    /**
     * {@code utils sipOAuth-mode enable|disable} (O6): only on the publisher; cluster-wide (one store row every node
     * reads); the read-only "Cluster SIPOAuth mode" follows. Enabling marks the CallManager restart on every node with
     * OAuth endpoints (O7) and the restart of the edge listeners there, which start listening on restart.
     */
    public Change<Mode> setMode(Actor actor, boolean enable) {
        actor.requireAdmin("change the SIP OAuth mode");
        if (!ctx.config().publisher())
            throw new UcsecException("sipoauth.not-publisher", "utils sipOAuth-mode " + (enable ? "enable" : "disable") + " runs only on the publisher; "
                    + ctx.node() + " is a subscriber (the mode is cluster-wide: set it once on the publisher)");
        return ctx.store().tx(h -> {
            boolean before = modeEnabled(h);
            if (before == enable) {
                Mode m = modeIn(h);
                return Change.of(m, List.of("SIP OAuth mode is already " + m.mode()), List.of());
            }
            SettingsRepo.put(h, "cluster", SETTING_PREFIX + SipOAuthSeed.CLUSTER_MODE, enable ? "enabled" : "disabled");
            AuditRepo.audit(h, ctx.now(), actor.name(), "sipoauth.mode.set", "cluster", enable ? "enabled" : "disabled");
            List<ClusterRepo.NodeRow> nodes = callControlNodes(h);
            List<String> marked = markEdge(h, nodes.stream().map(ClusterRepo.NodeRow::name).toList(),
                    "SIP OAuth mode " + (enable ? "enabled" : "disabled"));
            List<String> warnings = new ArrayList<>();
            if (nodes.isEmpty()) warnings.add("no call-control (cucm) node is in the cluster: no node has OAuth endpoints");
            if (enable) {
                if (trust.list("phone-edge-trust").isEmpty())
                    warnings.add("phone-edge-trust is empty: upload the root of the tomcat signing CA (seed 004 step 1) so phones can fetch tokens");
                if (SipOAuthRepo.expressways(h).isEmpty()) warnings.add("no Expressway-C connection is configured: the MRA port admits nobody");
                warnings.add("restart Cisco CallManager on every node with OAuth endpoints ('utils service restart \"Cisco CallManager\"'), and the SIP OAuth listeners "
                        + "('utils service restart sip-oauth', 'utils service restart sip-oauth-mra', 'utils service restart sip-oauth-token') so the OAuth ports listen");
            } else {
                warnings.add("the OAuth ports stop listening when sip-oauth, sip-oauth-mra and sip-oauth-token are restarted on each node");
            }
            return Change.of(modeIn(h), warnings, marked);
        });
    }

    private Mode modeIn(Handle h) {
        boolean on = modeEnabled(h);
        return new Mode(on ? "enabled" : "disabled", on, current(h, seed.parameter(SipOAuthSeed.CLUSTER_MODE)).name(),
                callControlNodes(h).stream().map(ClusterRepo.NodeRow::name).toList());
    }

    /** Marks CallManager and both edge listeners on each node (O7, C12). */
    private List<String> markEdge(Handle h, List<String> nodes, String reason) {
        List<String> out = new ArrayList<>();
        for (String n : nodes) {
            for (String s : List.of(CALLMANAGER, EDGE_SERVICE, MRA_SERVICE, TOKEN_SERVICE)) {
                RestartRepo.markRestart(h, n, s, reason, ctx.now());
                out.add(s + "@" + n);
            }
        }
        return out;
    }

    /** The port a listener of this node serves now (mode and O4), -1 = off; read at start and at each restart of the service. */
    public int listenerPort(String service) {
        return ctx.store().read(h -> {
            if (!modeEnabled(h)) return -1;
            var row = ClusterRepo.node(h, ctx.node());
            if (row.isEmpty() || !row.get().product().equalsIgnoreCase("cucm")) return -1;
            NodePorts p = portsOf(h, ctx.node());
            return service.equals(MRA_SERVICE) ? p.mraPort() : service.equals(TOKEN_SERVICE) ? p.tokenPort() : p.phoneOAuthPort();
        });
    }
}
