package org.ucsec.node.platform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The CLI's command groups ({@code show}, {@code set}, {@code utils}, {@code cert}, ... and nested ones such as
 * {@code set tls}). Capabilities attach their leaf commands with {@link #add}; a group is created on first use, has
 * {@code --help}, and without a subcommand prints its usage (exit 2).
 */
public final class CliTree {
    /** Descriptions of the groups, by path. A group that is not listed gets a generic description. */
    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("show", "Show certificates, CSRs, settings and the audit log."),
            Map.entry("show cert", "show cert list own|trust | show cert own UNIT | show cert trust STORE NAME"),
            Map.entry("show cert list", "List identity (own) or trust certificates."),
            Map.entry("show tls", "show tls peer-subjects | contexts | context NAME | ciphers"),
            Map.entry("set", "Change certificates and settings."),
            Map.entry("set cert", "set cert regen UNIT | set cert import own|trust ... | set cert delete trust STORE NAME"),
            Map.entry("set cert import", "set cert import trust STORE FILE | set cert import own UNIT FILE"),
            Map.entry("set cert delete", "set cert delete trust STORE NAME"),
            Map.entry("set csr", "set csr gen UNIT: generate a CSR (C4)."),
            Map.entry("set tls", "Minimum TLS version, peer subjects (S3) and TLS contexts (S4)."),
            Map.entry("utils", "Platform utilities: services, security modes."),
            Map.entry("utils service", "utils service list | utils service restart NAME"),
            Map.entry("cert", "Certificate tools (import from a live peer)."),
            Map.entry("cipher", "Cipher-string tools (local; no node needed)."));

    private final CommandLine root;

    public CliTree(CommandLine root) { this.root = root; }

    public CommandLine root() { return root; }

    /** The group at {@code path}, created with help options on first use. */
    public CommandLine group(String... path) {
        CommandLine cur = root;
        StringBuilder key = new StringBuilder();
        for (String p : path) {
            if (!key.isEmpty()) key.append(' ');
            key.append(p);
            CommandLine sub = cur.getSubcommands().get(p);
            if (sub == null) {
                Group g = new Group();
                CommandSpec spec = CommandSpec.wrapWithoutInspection(g);
                spec.name(p);
                spec.mixinStandardHelpOptions(true);
                spec.usageMessage().description(GROUPS.getOrDefault(key.toString(), p + " commands"));
                sub = new CommandLine(spec);
                g.self = sub;
                cur.addSubcommand(p, sub);
            }
            cur = sub;
        }
        return cur;
    }

    /** Attaches an annotated {@code @Command} object under the group at {@code path}. */
    public CliTree add(Object command, String... path) {
        group(path).addSubcommand(command);
        return this;
    }

    /** A group invoked without a subcommand: its usage on stderr, exit 2 (usage error). */
    private static final class Group implements Callable<Integer> {
        CommandLine self;

        @Override public Integer call() {
            self.usage(self.getErr());
            self.getErr().flush();
            return NodeClient.EXIT_USAGE;
        }
    }
}
