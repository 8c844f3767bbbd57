package org.ucsec.pki.catalogue;

import org.ucsec.core.UcsecException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one catalogue of purposes, key-usage profiles, trust stores and services (SPEC C1, C2, C12).
 * Read from the tab-separated files next to this class; each seed table lives in exactly one file.
 */
public final class Catalogue {
    private static final Catalogue DEFAULT = load();

    private final Map<Product, Map<String, Purpose>> purposes;
    private final Map<String, TrustStoreDef> stores;
    private final Map<String, ServiceDef> services;
    private final Map<String, ListenerDef> listeners;
    private final Map<String, List<RestartTarget>> settingRestarts;

    private Catalogue(Map<Product, Map<String, Purpose>> purposes, Map<String, TrustStoreDef> stores, Map<String, ServiceDef> services,
                      Map<String, ListenerDef> listeners, Map<String, List<RestartTarget>> settingRestarts) {
        this.purposes = purposes;
        this.stores = stores;
        this.services = services;
        this.listeners = listeners;
        this.settingRestarts = settingRestarts;
    }

    public static Catalogue get() { return DEFAULT; }

    public List<Purpose> purposes(Product product) { return List.copyOf(purposes.get(product).values()); }

    public Optional<Purpose> purpose(Product product, String name) {
        Purpose p = purposes.get(product).get(name);
        if (p != null) return Optional.of(p);
        // the platform treats unit names case-insensitively (cup-XMPP in the seed tables)
        return purposes.get(product).values().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst();
    }

    public Purpose requirePurpose(Product product, String name) {
        return purpose(product, name).orElseThrow(() -> new UcsecException("purpose.unknown",
                "unknown certificate purpose '" + name + "' for " + product.id() + "; known: " + String.join(", ", purposes.get(product).keySet())));
    }

    public List<TrustStoreDef> trustStores() { return List.copyOf(stores.values()); }

    public Optional<TrustStoreDef> trustStore(String name) {
        TrustStoreDef d = stores.get(name);
        if (d != null) return Optional.of(d);
        return stores.values().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    public TrustStoreDef requireTrustStore(String name) {
        return trustStore(name).orElseThrow(() -> new UcsecException("store.unknown",
                "unknown trust store '" + name + "'; known: " + String.join(", ", stores.keySet())));
    }

    /**
     * Trust stores a node of this product uses: those of its purposes, plus phone-edge-trust (O1), plus the stores of the
     * hosted listeners it can serve (listeners.tsv: phone-provisioning-trust, P6).
     */
    public List<TrustStoreDef> trustStores(Product product) {
        List<TrustStoreDef> out = new ArrayList<>();
        for (TrustStoreDef s : stores.values()) {
            boolean used = purposes.get(product).values().stream().anyMatch(p -> p.trustStore().equals(s.name()));
            boolean listened = listeners.values().stream().anyMatch(l -> s.name().equals(l.trustStore())
                    && l.keyPurposes().stream().allMatch(p -> purposes.get(product).containsKey(p)));
            if (used || listened || s.name().equals("phone-edge-trust")) out.add(s);
        }
        return out;
    }

    public List<ServiceDef> services() { return List.copyOf(services.values()); }

    public Optional<ServiceDef> service(String nameOrAlias) {
        return services.values().stream().filter(s -> s.answersTo(nameOrAlias)).findFirst();
    }

    public ServiceDef requireService(String nameOrAlias) {
        return service(nameOrAlias).orElseThrow(() -> new UcsecException("service.unknown",
                "unknown service '" + nameOrAlias + "'; known: " + String.join(", ", services.keySet())));
    }

    /** The hosted TLS listeners (listeners.tsv), in file order. */
    public List<ListenerDef> listeners() { return List.copyOf(listeners.values()); }

    public Optional<ListenerDef> listener(String service) { return Optional.ofNullable(listeners.get(service)); }

    /** The services a change of {@code setting} must restart (settings.tsv). */
    public List<RestartTarget> restartsFor(String setting) {
        List<RestartTarget> r = settingRestarts.get(setting);
        if (r == null) throw new IllegalStateException("settings.tsv has no row for " + setting);
        return r;
    }

    /** The listeners bound to a TLS context: a change of the context restarts their services, cluster-wide. */
    public List<RestartTarget> restartsForTlsContext(String context) {
        List<RestartTarget> out = new ArrayList<>();
        for (ListenerDef l : listeners.values()) if (l.tlsContext() != null && l.tlsContext().equals(context)) out.add(new RestartTarget(l.service(), RestartTarget.Scope.CLUSTER));
        return out;
    }

    /** Every TLS context some listener is bound to (a change of any other context restarts nothing). */
    public List<String> listenerContexts() {
        return listeners.values().stream().map(ListenerDef::tlsContext).filter(java.util.Objects::nonNull).distinct().toList();
    }

    // ---------------------------------------------------------------- loading

    static Catalogue load() {
        Map<Product, Map<String, KeyUsageRow>> profiles = new LinkedHashMap<>();
        for (String[] c : rows("key-usage.tsv", 11)) {
            Product product = Product.byId(c[0]);
            KeyUsageRow row = KeyUsageRow.of(Arrays.copyOfRange(c, 1, c.length));
            for (String name : row.purposes()) profiles.computeIfAbsent(product, k -> new LinkedHashMap<>()).put(name.toLowerCase(), row);
        }
        Map<Product, Map<String, Purpose>> purposes = new LinkedHashMap<>();
        for (Product p : Product.values()) purposes.put(p, new LinkedHashMap<>());
        for (String[] c : rows("purposes.tsv", 9)) {
            Product product = Product.byId(c[0]);
            String name = c[1];
            KeyAlgorithm alg = KeyAlgorithm.valueOf(c[2]);
            if (alg != KeyAlgorithm.forPurpose(name)) throw new IllegalStateException("purposes.tsv: key type of " + name + " contradicts its name");
            KeyUsageRow ku = profiles.getOrDefault(product, Map.of()).get(name.toLowerCase());
            if (ku == null) throw new IllegalStateException("key-usage.tsv has no row for " + product.id() + "/" + name);
            boolean multi = yes(c[4]);
            if (multi != ku.multiServer()) throw new IllegalStateException("purposes.tsv and key-usage.tsv disagree on multi-server for " + name);
            purposes.get(product).put(name, new Purpose(product, name, alg, c[3], multi, yes(c[5]), list(c[6]),
                    list(c[7]).stream().map(RestartTarget::parse).toList(), ku.profile().forKeyAlgorithm(alg)));
        }
        Map<String, TrustStoreDef> stores = new LinkedHashMap<>();
        for (String[] c : rows("trust-stores.tsv", 4)) {
            stores.put(c[0], new TrustStoreDef(c[0], yes(c[1]), list(c[2]).stream().map(RestartTarget::parse).toList(), yes(c[3])));
        }
        Map<String, ServiceDef> services = new LinkedHashMap<>();
        for (String[] c : rows("services.tsv", 4)) {
            services.put(c[0], new ServiceDef(c[0], "hosted".equals(c[1]), c[2], list(c[3])));
        }
        // referential checks: every purpose names a known store and services
        for (Map<String, Purpose> m : purposes.values()) for (Purpose p : m.values()) {
            if (!stores.containsKey(p.trustStore())) throw new IllegalStateException("purpose " + p.name() + " names unknown store " + p.trustStore());
            for (RestartTarget r : p.restarts()) if (!services.containsKey(r.service())) throw new IllegalStateException("unknown service " + r.service());
        }
        for (TrustStoreDef s : stores.values()) for (RestartTarget r : s.restartsOnUpload())
            if (!services.containsKey(r.service())) throw new IllegalStateException("unknown service " + r.service());
        Map<String, ListenerDef> listeners = new LinkedHashMap<>();
        for (String[] c : rows("listeners.tsv", 7)) {
            if (!services.containsKey(c[0]) || !services.get(c[0]).hosted() && !c[0].equals("sip-proxy"))
                throw new IllegalStateException("listeners.tsv: " + c[0] + " is not a service ucsec can host");
            ListenerDef l = new ListenerDef(c[0], Integer.parseInt(c[1]), list(c[2]), dash(c[3]), dash(c[4]), "required".equals(c[5]), c[6]);
            for (String p : l.keyPurposes())
                if (purposes.values().stream().noneMatch(m -> m.containsKey(p))) throw new IllegalStateException("listeners.tsv: unknown purpose " + p);
            if (l.trustStore() != null && !stores.containsKey(l.trustStore())) throw new IllegalStateException("listeners.tsv: unknown store " + l.trustStore());
            listeners.put(l.service(), l);
        }
        List<RestartTarget> allListeners = listeners.keySet().stream().map(s -> new RestartTarget(s, RestartTarget.Scope.CLUSTER)).toList();
        Map<String, List<RestartTarget>> settingRestarts = new LinkedHashMap<>();
        for (String[] c : rows("settings.tsv", 2)) {
            List<RestartTarget> t = c[1].trim().equals("listeners") ? allListeners : list(c[1]).stream().map(RestartTarget::parse).toList();
            for (RestartTarget r : t) if (!services.containsKey(r.service())) throw new IllegalStateException("settings.tsv: unknown service " + r.service());
            settingRestarts.put(c[0], List.copyOf(t));
        }
        return new Catalogue(purposes, stores, services, listeners, settingRestarts);
    }

    /** A row of seed 001 table 2/3, cells by position. */
    public record KeyUsageRow(List<String> purposes, boolean multiServer, KeyUsageProfile profile) {
        /** cells: purposes, multi, serverAuth, clientAuth, ipsecEndSystem, DS, KE, DE, KCS, KA. */
        public static KeyUsageRow of(String[] cells) {
            String[] c = Arrays.copyOf(cells, 10);
            for (int i = 0; i < c.length; i++) if (c[i] == null) c[i] = "";
            EnumSet<ExtendedKeyUsage> eku = EnumSet.noneOf(ExtendedKeyUsage.class);
            if (yes(c[2])) eku.add(ExtendedKeyUsage.SERVER_AUTH);
            if (yes(c[3])) eku.add(ExtendedKeyUsage.CLIENT_AUTH);
            if (yes(c[4])) eku.add(ExtendedKeyUsage.IPSEC_END_SYSTEM);
            EnumSet<KeyUsageBit> ku = EnumSet.noneOf(KeyUsageBit.class);
            if (yes(c[5])) ku.add(KeyUsageBit.DIGITAL_SIGNATURE);
            if (yes(c[6])) ku.add(KeyUsageBit.KEY_ENCIPHERMENT);
            if (yes(c[7])) ku.add(KeyUsageBit.DATA_ENCIPHERMENT);
            if (yes(c[8])) ku.add(KeyUsageBit.KEY_CERT_SIGN);
            if (yes(c[9])) ku.add(KeyUsageBit.KEY_AGREEMENT);
            return new KeyUsageRow(List.of(c[0].trim().split("\\s+")), yes(c[1]), new KeyUsageProfile(ku, eku));
        }
    }

    private static boolean yes(String s) {
        String t = s.trim();
        return t.equalsIgnoreCase("y") || t.equalsIgnoreCase("yes") || t.equals("예");
    }

    private static List<String> list(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(";")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String dash(String s) { return s == null || s.isBlank() || s.equals("-") ? null : s.trim(); }

    private static List<String[]> rows(String file, int columns) {
        try (InputStream in = Catalogue.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("catalogue file missing: " + file);
            List<String[]> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                out.add(Arrays.copyOf(line.split("\t", -1), columns));
            }
            for (String[] row : out) for (int i = 0; i < row.length; i++) if (row[i] == null) row[i] = "";
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read catalogue file " + file, e);
        }
    }
}
