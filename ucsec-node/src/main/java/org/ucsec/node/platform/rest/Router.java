package org.ucsec.node.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.Actor;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small REST router on Jetty core: routes by method and path template, bearer-token authentication, strict JSON
 * bodies, uploads bounded by size before they are read, security headers on every answer, and every refusal as
 * {@code application/problem+json} (RFC 9457) with a stable code. Capabilities add their routes; nothing here knows them.
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    public static final long MAX_UPLOAD = 256 * 1024;

    /** Who is asking, from the request's {@code Authorization} header. */
    @FunctionalInterface
    public interface Authenticator { Actor authenticate(String authorizationHeader); }

    @FunctionalInterface
    public interface Endpoint { Object handle(Call call) throws Exception; }

    /** A raw (non-JSON) answer: PEM downloads, the OpenAPI document. */
    public record Raw(String contentType, byte[] body, String fileName) {}

    /** A JSON answer with a status other than 200. */
    public record Status(int status, Object body) {}

    private record Route(String method, String template, Pattern pattern, List<String> params, boolean open, Endpoint endpoint) {}

    private final List<Route> routes = new ArrayList<>();
    private final Authenticator auth;

    public Router(Authenticator auth) { this.auth = auth; }

    /** "METHOD /template" of every route, for the OpenAPI consistency test. */
    public List<String> describe() { return routes.stream().map(r -> r.method() + " " + r.template()).toList(); }

    public Router get(String template, Endpoint e) { return add("GET", template, false, e); }
    public Router post(String template, Endpoint e) { return add("POST", template, false, e); }
    public Router put(String template, Endpoint e) { return add("PUT", template, false, e); }
    public Router delete(String template, Endpoint e) { return add("DELETE", template, false, e); }
    /** A route that needs no token (health, the OpenAPI document). */
    public Router open(String method, String template, Endpoint e) { return add(method, template, true, e); }

    private Router add(String method, String template, boolean open, Endpoint e) {
        if (routes.stream().anyMatch(r -> r.method().equals(method) && r.template().equals(template)))
            throw new IllegalStateException(method + " " + template + " is routed twice");
        List<String> params = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            params.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, template, Pattern.compile(regex.toString()), params, open, e));
        return this;
    }

    /** One request as the endpoints see it. */
    public static final class Call {
        private final Request request;
        private final Map<String, String> path;
        private final Fields query;
        private final Actor actor;
        private byte[] body;

        Call(Request request, Map<String, String> path, Fields query, Actor actor) {
            this.request = request; this.path = path; this.query = query; this.actor = actor;
        }

        public String path(String name) { return path.get(name); }
        public String query(String name) { return query.getValue(name); }
        public List<String> queryAll(String name) { var v = query.getValues(name); return v == null ? List.of() : v; }
        public boolean flag(String name) { String v = query(name); return v != null && !v.equalsIgnoreCase("false") && !v.equals("0"); }
        public Actor actor() { return actor; }

        /** The client's certificate chain (leaf first) when the listener asked for one and the client sent it; else empty. */
        public java.util.List<java.security.cert.X509Certificate> clientCertificates() {
            Object d = request.getAttribute(org.eclipse.jetty.io.EndPoint.SslSessionData.ATTRIBUTE);
            if (d instanceof org.eclipse.jetty.io.EndPoint.SslSessionData s && s.peerCertificates() != null) return java.util.List.of(s.peerCertificates());
            return java.util.List.of();
        }

        /** A request header, or null. */
        public String header(String name) { return request.getHeaders().get(name); }

        /** An integer query parameter within [min, max]; absent = {@code dflt}; anything else is refused with its name. */
        public int queryInt(String name, int dflt, int min, int max) {
            String v = query(name);
            if (v == null) return dflt;
            try {
                int i = Integer.parseInt(v.trim());
                if (i < min || i > max) throw new NumberFormatException();
                return i;
            } catch (NumberFormatException e) {
                throw new UcsecException("request.invalid-parameter", "query parameter '" + name + "' must be an integer from " + min + " to " + max);
            }
        }

        /** The request body, refused by size (Content-Length, then while reading) before anything parses it. */
        public byte[] body() throws Exception {
            if (body != null) return body;
            long declared = request.getLength();
            if (declared > MAX_UPLOAD) throw tooLarge(declared);
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] b = in.readNBytes((int) MAX_UPLOAD + 1);
                if (b.length > MAX_UPLOAD) throw tooLarge(-1);
                body = b;
            }
            return body;
        }

        /** A JSON body of exactly {@code type}: unknown fields, wrong types and coercions ("5" for a flag, 2048.5 for a size) are refused. */
        public <T> T json(Class<T> type) throws Exception {
            byte[] b = body();
            if (b.length == 0) return Json.STRICT.readValue("{}", type);
            String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (ct != null && !ct.toLowerCase().startsWith("application/json"))
                throw new UcsecException("request.unsupported-media-type", "the body must be application/json, not " + ct);
            try {
                return Json.STRICT.readValue(b, type);
            } catch (UnrecognizedPropertyException e) {
                throw new UcsecException("request.invalid-json", "unknown field '" + e.getPropertyName() + "' (known: "
                        + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")");
            } catch (InvalidFormatException e) {
                throw new UcsecException("request.invalid-json", "field '" + field(e) + "': " + e.getValue() + " is not a " + e.getTargetType().getSimpleName());
            } catch (MismatchedInputException e) {
                throw new UcsecException("request.invalid-json", "field '" + field(e) + "' has the wrong type"
                        + (e.getTargetType() == null ? "" : " (expected " + e.getTargetType().getSimpleName() + ")"));
            } catch (JsonProcessingException e) {
                throw new UcsecException("request.invalid-json", "the body is not valid JSON (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")");
            }
        }

        private static String field(MismatchedInputException e) {
            String f = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            return f.isEmpty() ? "(body)" : f;
        }

        private static UcsecException tooLarge(long size) {
            return new UcsecException("upload.too-large", "upload is larger than the "
                    + (MAX_UPLOAD / 1024) + " KiB limit" + (size > 0 ? " (" + size + " bytes declared)" : "") + "; nothing was read or changed");
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        securityHeaders(response);
        try {
            Route route = null;
            Matcher matcher = null;
            Set<String> allowed = new LinkedHashSet<>();
            for (Route r : routes) {
                Matcher m = r.pattern().matcher(path);
                if (m.matches()) {
                    allowed.add(r.method());
                    if (r.method().equals(method) && route == null) { route = r; matcher = m; }
                }
            }
            if (route == null) {
                if (!allowed.isEmpty()) {
                    response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
                    throw new UcsecException("request.method-not-allowed", method + " is not allowed on " + path + " (allowed: " + String.join(", ", allowed) + ")");
                }
                throw new UcsecException("request.no-such-endpoint", "no endpoint " + method + " " + path + " (see /openapi.yaml)");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < route.params().size(); i++) params.put(route.params().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
            Actor actor = route.open() ? null : auth.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            Object result = route.endpoint().handle(new Call(request, params, query, actor));
            if (result instanceof Raw raw) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, raw.contentType());
                if (raw.fileName() != null) response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + raw.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
                response.write(true, java.nio.ByteBuffer.wrap(raw.body()), callback);
            } else if (result instanceof Status s) {
                send(response, callback, s.status(), "application/json", Json.write(s.body()));
            } else {
                send(response, callback, 200, "application/json", Json.write(result));
            }
        } catch (UcsecException e) {
            problem(response, callback, e, path);
        } catch (Exception e) {
            LOG.error("{} {} failed", method, path, e);
            problem(response, callback, new UcsecException("internal", "internal error (see the node log)"), path);
        }
        return true;
    }

    /** On every answer (issue 8, item 9): nothing cached, no MIME sniffing, HTTPS only, no framing. */
    public static void securityHeaders(Response response) {
        var h = response.getHeaders();
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("X-Content-Type-Options", "nosniff");
        h.put(HttpHeader.STRICT_TRANSPORT_SECURITY, "max-age=31536000");
        h.put("X-Frame-Options", "DENY");
        h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        h.put("Referrer-Policy", "no-referrer");
    }

    /** The RFC 9457 body of a refusal. */
    public static Map<String, Object> problemBody(UcsecException e, String path) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://ucsec.dev/problems/" + e.code());
        p.put("title", e.code());
        p.put("status", e.kind().httpStatus());
        p.put("detail", e.getMessage());
        if (path != null) p.put("instance", path);
        p.put("code", e.code());
        e.details().forEach(p::putIfAbsent);
        return p;
    }

    private static void problem(Response response, Callback callback, UcsecException e, String path) {
        int status = e.kind().httpStatus();
        if (status == 401) response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"ucsec\"");
        send(response, callback, status, "application/problem+json", Json.write(problemBody(e, path)));
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }
}
