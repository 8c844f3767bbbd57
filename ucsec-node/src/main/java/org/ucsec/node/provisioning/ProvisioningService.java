package org.ucsec.node.provisioning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.UcsecException;
import org.ucsec.node.audit.AuditRepo;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.node.platform.rest.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * The provisioning slice's state (SPEC P6): the syslog settings (receiver, on/off, the {@code Log_Request_Msg},
 * {@code Log_Success_Msg} and {@code Log_Failure_Msg} templates; cluster-wide in the store, held in memory and
 * replaced whole on a change) and the counters of what the listener served and refused. Nothing here reads the store
 * on the request path.
 */
public final class ProvisioningService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningService.class);
    static final String SCOPE = "cluster";
    static final String SETTING = "provisioning.syslog";
    static final int MAX_TEMPLATE = 512;
    /** The default syslog port (RFC 5426 3.3). */
    static final int SYSLOG_PORT = 514;

    /** One row of syslog-templates.tsv. */
    record Template(String parameter, String event, int severity, String defaultText) {}

    static final Map<String, Template> TEMPLATES = loadTemplates();

    public enum Event {
        REQUEST("Log_Request_Msg"), SUCCESS("Log_Success_Msg"), FAILURE("Log_Failure_Msg");
        final String parameter;
        Event(String parameter) { this.parameter = parameter; }
        Template template() { return TEMPLATES.get(parameter); }
    }

    /** The syslog settings as shown and stored; a template that is empty sends no message for its event. */
    public record SyslogSettings(boolean enabled, String receiver, String logRequestMsg, String logSuccessMsg, String logFailureMsg) {
        static SyslogSettings defaults() {
            return new SyslogSettings(false, null, Event.REQUEST.template().defaultText(), Event.SUCCESS.template().defaultText(), Event.FAILURE.template().defaultText());
        }

        String template(Event e) {
            return switch (e) {
                case REQUEST -> logRequestMsg;
                case SUCCESS -> logSuccessMsg;
                case FAILURE -> logFailureMsg;
            };
        }
    }

    /** A change; null fields stay as they are. */
    public record SyslogChange(Boolean enabled, String receiver, String logRequestMsg, String logSuccessMsg, String logFailureMsg) {}

    /** What the listener did, since this node started. */
    public record Status(long served, Map<String, Long> refused, SyslogSettings syslog, long syslogSent, long syslogDropped) {}

    /** The settings in force and the receiver's resolved address (null when off). */
    private record Active(SyslogSettings settings, InetSocketAddress to) {}

    private final NodeContext ctx;
    private final SyslogSender sender;
    private volatile Active active;
    final LongAdder served = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    ProvisioningService(NodeContext ctx) {
        this.ctx = ctx;
        this.sender = new SyslogSender(ctx.clock(), ctx.config().fqdn());
        active = load();
    }

    /** The settings in the store now, replacing those in memory; a line for the restart's answer. */
    String reloadSettings() {
        active = load();
        SyslogSettings s = active.settings();
        return "syslog " + (active.to() != null ? "on -> " + s.receiver() : s.enabled() ? "on but its receiver cannot be used (see the log)" : "off");
    }

    private Active load() {
        SyslogSettings s = ctx.store().read(h -> SettingsRepo.get(h, SCOPE, SETTING)).map(ProvisioningService::parse).orElse(SyslogSettings.defaults());
        InetSocketAddress to = null;
        if (s.enabled()) {
            try {
                to = resolve(s.receiver());
            } catch (UcsecException e) {
                LOG.warn("provisioning syslog is on but its receiver cannot be used now ({}); no syslog messages until it is set again", e.getMessage());
            }
        }
        return new Active(s, to);
    }

    private static SyslogSettings parse(String json) {
        try {
            return Json.MAPPER.readValue(json, SyslogSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SyslogSettings syslog() { return active.settings(); }

    public Status status() {
        Map<String, Long> r = new TreeMap<>();
        refused.forEach((k, v) -> r.put(k, v.sum()));
        return new Status(served.sum(), r, active.settings(), sender.sent.sum(), sender.dropped.sum());
    }

    /** Whether syslog messages are sent now (a receiver is set and syslog is on). */
    boolean syslogOn() { return active.to() != null; }

    void countRefusal(String code) { refused.computeIfAbsent(code, k -> new LongAdder()).increment(); }

    /** Sends the event's message when syslog is on and its template is not empty (the request path: memory only). */
    void event(Event e, Map<String, String> vars) {
        Active a = active;
        if (a.to() == null) return;
        String template = a.settings().template(e);
        if (template == null || template.isEmpty()) return;
        sender.send(a.to(), e.template().severity(), e.template().event(), Macros.expand(template, vars));
    }

    public Change<SyslogSettings> updateSyslog(Actor actor, SyslogChange c) {
        actor.requireAdmin("change the provisioning syslog settings");
        if (c == null) throw new UcsecException("provisioning.syslog-invalid", "no change given");
        SyslogSettings before = active.settings();
        String receiver = c.receiver() == null ? before.receiver() : c.receiver().isBlank() ? null : c.receiver().strip();
        boolean enabled = c.enabled() == null ? before.enabled() : c.enabled();
        String req = c.logRequestMsg() == null ? before.logRequestMsg() : template("logRequestMsg (Log_Request_Msg)", c.logRequestMsg());
        String ok = c.logSuccessMsg() == null ? before.logSuccessMsg() : template("logSuccessMsg (Log_Success_Msg)", c.logSuccessMsg());
        String fail = c.logFailureMsg() == null ? before.logFailureMsg() : template("logFailureMsg (Log_Failure_Msg)", c.logFailureMsg());
        InetSocketAddress to = null;
        if (receiver != null) to = resolve(receiver);
        if (enabled && receiver == null)
            throw new UcsecException("provisioning.syslog-invalid", "receiver: syslog cannot be turned on without a receiver (host:port)");
        SyslogSettings next = new SyslogSettings(enabled, receiver, req, ok, fail);
        List<String> warnings = new ArrayList<>();
        ctx.store().tx(h -> {
            SettingsRepo.put(h, SCOPE, SETTING, Json.write(next));
            AuditRepo.audit(h, ctx.now(), actor.name(), "settings.provisioning-syslog", SCOPE, next.toString());
            return null;
        });
        active = new Active(next, enabled ? to : null);
        if (!enabled && receiver != null) warnings.add("provisioning.syslog-off: a receiver is set but syslog is off; nothing is sent until it is turned on");
        return Change.of(next, warnings, List.of());
    }

    private static String template(String field, String t) {
        if (t.length() > MAX_TEMPLATE) throw new UcsecException("provisioning.syslog-invalid", field + ": " + t.length() + " characters; at most " + MAX_TEMPLATE);
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch < 0x20 || ch == 0x7f) throw new UcsecException("provisioning.syslog-invalid", field + ": a control character at position " + (i + 1) + " (one event is one line)");
        }
        return t;
    }

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port} (port 514 when absent), resolved now. */
    static InetSocketAddress resolve(String receiver) {
        String host;
        int port = SYSLOG_PORT;
        String r = receiver.strip();
        if (r.startsWith("[")) {
            int close = r.indexOf(']');
            if (close < 0) throw invalid(receiver, "an IPv6 address in brackets is not closed");
            host = r.substring(1, close);
            String rest = r.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw invalid(receiver, "expected ':port' after ']'");
                port = port(receiver, rest.substring(1));
            }
            if (!host.matches("[0-9A-Fa-f:.]+") || !host.contains(":")) throw invalid(receiver, "'" + host + "' is not an IPv6 address");
        } else {
            int colon = r.lastIndexOf(':');
            if (colon >= 0 && r.indexOf(':') != colon) throw invalid(receiver, "an IPv6 address must be written in brackets: [addr]:port");
            host = colon < 0 ? r : r.substring(0, colon);
            if (colon >= 0) port = port(receiver, r.substring(colon + 1));
            if (host.isEmpty() || host.length() > 253) throw invalid(receiver, "the host is empty or longer than 253 characters");
            for (String label : host.split("\\.", -1))
                if (!HOST_LABEL.matcher(label).matches()) throw invalid(receiver, "'" + host + "' is not a host name or IPv4 address (label '" + label + "')");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UcsecException("provisioning.syslog-unresolvable", "receiver '" + receiver + "': host '" + host + "' does not resolve");
        }
    }

    private static int port(String receiver, String p) {
        if (!p.matches("[0-9]{1,5}")) throw invalid(receiver, "port '" + p + "' is not a number");
        int n = Integer.parseInt(p);
        if (n < 1 || n > 65535) throw invalid(receiver, "port " + n + " is outside 1-65535");
        return n;
    }

    private static UcsecException invalid(String receiver, String why) {
        return new UcsecException("provisioning.syslog-invalid", "receiver '" + receiver + "': " + why + " (host:port, e.g. syslog.example.com:514)");
    }

    private static Map<String, Template> loadTemplates() {
        Map<String, Template> out = new LinkedHashMap<>();
        try (InputStream in = ProvisioningService.class.getResourceAsStream("syslog-templates.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                out.put(f[0], new Template(f[0], f[1], Integer.parseInt(f[2]), f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }

    @Override public void close() { sender.close(); }
}
