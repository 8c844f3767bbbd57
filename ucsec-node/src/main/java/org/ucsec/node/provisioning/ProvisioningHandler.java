package org.ucsec.node.provisioning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.node.provisioning.PhoneDirectory.ProvisionedPhone;
import org.ucsec.node.provisioning.ProvisioningService.Event;
import org.ucsec.tls.transport.Framing;
import org.ucsec.tls.transport.HttpRequestHead;
import org.ucsec.tls.transport.HttpResponse;
import org.ucsec.tls.transport.MessageHandler;
import org.ucsec.tls.transport.TlsConnection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provisioning listener's application (SPEC P6) on {@link Framing#http}: a phone, identified by its client
 * certificate ({@link PhoneIdentity}, decided once per connection), GETs its own cfg.xml at {@code /cfg.xml} or
 * {@code /<MAC>.xml} (the MAC as {@code $MA} or {@code $MAU} write it, e.g. a Profile_Rule {@code https://prov/$MA.xml})
 * and gets exactly that file, its macros expanded; nothing else is served. Refusals: 403 for a certificate that names
 * no phone, an unknown MAC, a MAC in the URL that is not the certificate's, a model or serial that is not the
 * profile's; 404 for any other path; 405 for a method other than GET and HEAD. Every refusal is logged with its code
 * and the certificate's subject, counted, and sent as a Log_Failure_Msg; each request as a Log_Request_Msg, each
 * success as a Log_Success_Msg.
 *
 * <p>On the event loop, from memory only: the directory's prepared cfg.xml, the identity of the connection, the syslog
 * settings in force. Keep-alive and pipelined requests are answered in order.
 */
final class ProvisioningHandler implements MessageHandler, org.ucsec.node.platform.ReloadAware {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningHandler.class);
    static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private final PhoneDirectory directory;
    private final ProvisioningService service;
    private final Map<Long, PerConnection> connections = new ConcurrentHashMap<>();

    /** The identity of a connection's certificate, or why it names no phone. */
    private record PerConnection(PhoneIdentity phone, PhoneIdentity.NotAPhone notAPhone, String subject) {}

    ProvisioningHandler(PhoneDirectory directory, ProvisioningService service) {
        this.directory = directory;
        this.service = service;
    }

    @Override public void onOpen(TlsConnection c) {
        var chain = c.peer().chain();
        if (chain.isEmpty()) {
            connections.put(c.id(), new PerConnection(null, null, "(no certificate)"));
            return;
        }
        try {
            PhoneIdentity p = PhoneIdentity.of(chain.get(0));
            connections.put(c.id(), new PerConnection(p, null, p.subject()));
        } catch (PhoneIdentity.NotAPhone e) {
            connections.put(c.id(), new PerConnection(null, e, PhoneIdentity.loggable(chain.get(0).getSubjectX500Principal().getName())));
        }
    }

    @Override public void onClose(TlsConnection c) { connections.remove(c.id()); }

    /** {@code utils service restart provisioning}: the syslog settings are read again (another node may have changed them). */
    @Override public String reloaded() { return service.reloadSettings(); }

    @Override public void onMessage(TlsConnection c, byte[] message) {
        HttpRequestHead req;
        try {
            req = HttpRequestHead.parse(message, message.length);
        } catch (Framing.Refused r) { // the framing refused it already; not reached
            c.write(HttpResponse.error(400, "Bad Request", r.getMessage()));
            c.close();
            return;
        }
        PerConnection pc = connections.get(c.id());
        if (pc == null) { onOpen(c); pc = connections.get(c.id()); }
        boolean head = req.method().equals("HEAD");
        String path = path(req.target());
        // the syslog variables only when syslog is on (nothing is built per request otherwise)
        Map<String, String> vars = service.syslogOn() ? eventVars(c, pc, path) : null;
        if (vars != null) service.event(Event.REQUEST, vars);

        if (!head && !req.method().equals("GET")) {
            refuse(c, req, pc, vars, 405, "Method Not Allowed", "provisioning.method-not-allowed", "method " + req.method() + " (GET and HEAD only)", "Allow: GET, HEAD");
            return;
        }
        String urlMac;
        if (path == null) { refuse(c, req, pc, vars, 400, "Bad Request", "request.bad", "request-target '" + printable(req.target()) + "' is not a path"); return; }
        if (path.equals("/cfg.xml")) urlMac = null;
        else if (path.length() == 17 && path.endsWith(".xml") && (urlMac = PhoneIdentity.normalizeMac(path.substring(1, 13))) != null) { /* /<MAC>.xml: 12 hex digits */ }
        else { refuse(c, req, pc, vars, 404, "Not Found", "provisioning.not-found", "no file at '" + printable(path) + "' (a phone gets /cfg.xml or /<MAC>.xml)"); return; }

        if (pc.phone() == null) {
            String code = pc.notAPhone() != null ? pc.notAPhone().code() : "provisioning.no-certificate";
            String why = pc.notAPhone() != null ? pc.notAPhone().getMessage() : "the client sent no certificate; a phone is identified by its certificate";
            refuse(c, req, pc, vars, 403, "Forbidden", code, why);
            return;
        }
        PhoneIdentity id = pc.phone();
        if (urlMac != null && !urlMac.equals(id.mac())) {
            refuse(c, req, pc, vars, 403, "Forbidden", "provisioning.mac-mismatch", "the URL names MAC " + urlMac + " but the client certificate '" + id.subject() + "' is the phone " + id.mac());
            return;
        }
        ProvisionedPhone phone = directory.find(id.mac()).orElse(null);
        if (phone == null) {
            refuse(c, req, pc, vars, 403, "Forbidden", "provisioning.unknown-phone", "no phone profile has MAC " + id.mac() + " (client certificate '" + id.subject() + "')");
            return;
        }
        if (!phone.model().equalsIgnoreCase(id.product())) {
            refuse(c, req, pc, vars, 403, "Forbidden", "provisioning.model-mismatch", "phone " + id.mac() + " is a " + phone.model() + " in its profile but the client certificate '"
                    + id.subject() + "' says " + id.product());
            return;
        }
        if (!phone.serial().isEmpty() && !MessageDigest.isEqual(phone.serial().getBytes(), id.serial().getBytes())) {
            refuse(c, req, pc, vars, 403, "Forbidden", "provisioning.serial-mismatch", "phone " + id.mac() + " has serial " + phone.serial() + " in its profile but the client certificate '"
                    + id.subject() + "' says '" + id.serial() + "'");
            return;
        }
        byte[] body = Macros.expandXml(phone.cfgXml(), Macros.phoneVars(id.mac(), id.product(), id.serial(), true));
        c.write(HttpResponse.of(200, "OK", CONTENT_TYPE, body, head, !req.keepAlive()));
        if (!req.keepAlive()) c.close();
        service.served.increment();
        if (vars != null) service.event(Event.SUCCESS, vars);
        if (LOG.isDebugEnabled()) LOG.debug("provisioning: served {} ({} bytes) to {} from {}", path, body.length, id.subject(), c.peer().remote());
    }

    private void refuse(TlsConnection c, HttpRequestHead req, PerConnection pc, Map<String, String> vars, int status, String reason, String code, String why, String... fields) {
        LOG.warn("provisioning: refused {} {} from {} ({}): {} {}: {}", req.method(), printable(req.target()), c.peer().remote(), pc.subject(), status, code, why);
        service.countRefusal(code);
        // the phone learns the status, not the reason (which names profiles and subjects); the log and syslog have it
        c.write(HttpResponse.of(status, reason, "text/plain; charset=utf-8", (status + " " + reason + "\n").getBytes(), req.method().equals("HEAD"), !req.keepAlive(), fields));
        if (!req.keepAlive()) c.close();
        if (vars == null) return;
        Map<String, String> v = new HashMap<>(vars);
        v.put("ERR", code + ": " + why);
        service.event(Event.FAILURE, v);
    }

    /** The path of an origin-form or absolute-form target (RFC 9112 3.2), without its query; null for the other forms. */
    static String path(String target) {
        String t = target;
        if (t.regionMatches(true, 0, "https://", 0, 8)) {
            int slash = t.indexOf('/', 8);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        if (!t.startsWith("/")) return null;
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    /** The variables of the syslog templates: the phone's (when its certificate names one), and the request's. */
    private static Map<String, String> eventVars(TlsConnection c, PerConnection pc, String path) {
        Map<String, String> v = new HashMap<>();
        if (pc.phone() != null) v.putAll(Macros.phoneVars(pc.phone().mac(), pc.phone().product(), pc.phone().serial(), true));
        else v.put("CCERT", "Not Installed");
        v.put("SCHEME", "https");
        SocketAddress local = c.localAddress();
        if (local instanceof InetSocketAddress l) {
            v.put("SERVIP", l.getAddress().getHostAddress());
            v.put("PORT", String.valueOf(l.getPort()));
        }
        if (c.peer().remote() instanceof InetSocketAddress r) v.put("IP", r.getAddress().getHostAddress());
        v.put("PATH", path == null ? "" : path);
        return v;
    }

    private static String printable(String s) { return PhoneIdentity.printable(s); }
}
