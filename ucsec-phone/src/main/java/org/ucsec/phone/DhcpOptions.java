package org.ucsec.phone;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The DHCP / DHCPv6 options the phones support ({@code dhcp-options.tsv}, seed 003 table "DHCP 옵션 지원"). */
public final class DhcpOptions {
    public record Option(String family, int option, String source, String description) {}

    private static final class Holder { static final DhcpOptions STANDARD = new DhcpOptions(); }

    private final Map<String, Map<Integer, Option>> byFamily = new LinkedHashMap<>();

    private DhcpOptions() {
        for (String[] f : Tsv.read("dhcp-options.tsv", 4)) {
            Option o = new Option(f[0], Integer.parseInt(f[1]), f[2], f[3]);
            byFamily.computeIfAbsent(o.family(), k -> new LinkedHashMap<>()).put(o.option(), o);
        }
    }

    public static DhcpOptions standard() { return Holder.STANDARD; }

    /** {@code family}: {@code dhcp4} or {@code dhcp6}. */
    public Map<Integer, Option> supported(String family) { return Collections.unmodifiableMap(byFamily.getOrDefault(family, Map.of())); }
}
