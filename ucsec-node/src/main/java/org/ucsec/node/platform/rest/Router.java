package org.ucsec.node.platform.rest;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.auth.AuthService;
import org.ucsec.core.UcsecException;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small REST router on Jetty core: routes by method and path template, bearer-token authentication, JSON bodies,
 * uploads bounded by size before they are read, and every refusal as application/problem+json with a stable code.
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    public static final long MAX_UPLOAD = 256 * 1024;

    @FunctionalInterface
    public interface Endpoint { Object handle(Call call) throws Exception; }

    /** A raw (non-JSON) answer: PEM downloads, the OpenAPI document. */
    public record Raw(String contentType, byte[] body, String fileName) {}

    /** A JSON answer with a status other than 200. */
    public record Status(int status, Object body) {}

    private record Route(String method, String template, Pattern pattern, List<String> params, boolean open, Endpoint endpoint) {}

    private final List<Route> routes = new ArrayList<>();
    private final AuthService auth;

    public Router(AuthService auth) { this.auth = auth; }

    /** "METHOD /template" of every route, for the OpenAPI consistency test. */
    public List<String> describe() { return routes.stream().map(r -> r.method() + " " + r.template()).toList(); }

    public Router get(String template, Endpoint e) { return add("GET", template, false, e); }
    public Router post(String template, Endpoint e) { return add("POST", template, false, e); }
    public Router put(String template, Endpoint e) { return add("PUT", template, false, e); }
    public Router delete(String template, Endpoint e) { return add("DELETE", template, false, e); }
    public Router open(String method, String template, Endpoint e) { return add(method, template, true, e); }

    private Router add(String method, String template, boolean open, Endpoint e) {
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

        public <T> T json(Class<T> type) throws Exception {
            byte[] b = body();
            if (b.length == 0) return Json.MAPPER.readValue("{}", type);
            try {
                return Json.MAPPER.readValue(b, type);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UcsecException("request.invalid-json", "request body is not valid JSON for this call: " + e.getOriginalMessage());
            }
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
        try {
            Route route = null;
            Matcher matcher = null;
            boolean pathMatched = false;
            for (Route r : routes) {
                Matcher m = r.pattern().matcher(path);
                if (m.matches()) {
                    pathMatched = true;
                    if (r.method().equals(method)) { route = r; matcher = m; break; }
                }
            }
            if (route == null) {
                if (pathMatched) throw new UcsecException("request.method-not-allowed", method + " is not allowed on " + path);
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
                if (raw.fileName() != null) response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + raw.fileName() + "\"");
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

    public static int status(UcsecException e) { return e.kind().httpStatus(); }

    private static void problem(Response response, Callback callback, UcsecException e, String path) {
        int status = status(e);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://ucsec.dev/problems/" + e.code());
        p.put("title", e.code());
        p.put("status", status);
        p.put("detail", e.getMessage());
        p.put("instance", path);
        p.put("code", e.code());
        e.details().forEach((k, v) -> { if (!k.equals("status")) p.putIfAbsent(k, v); });
        if (status == 401) response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"ucsec\"");
        send(response, callback, status, "application/problem+json", Json.write(p));
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }
}
