package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.wirespan.api.CallLog;
import java.util.Map;
import java.util.Set;

/**
 * HTTP/1 and HTTP/2, after the HTTP server span conventions. The name is the method and the call
 * log's endpoint (the path cut to its first segments, Wirespan's stand-in for a route: a network
 * observer knows no route templates), else the path without its query.
 */
record HttpCall(CallLog log, String path, String query, String host, Integer port) implements Semantics {
    /** The methods the conventions name; any other is {@code _OTHER}, kept as the original. */
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY");

    static HttpCall of(CallLog log) {
        String target = originForm(log.requestResource());
        String path = target, query = null;
        if (target != null) {
            int mark = target.indexOf('?');
            if (mark >= 0) {
                path = target.substring(0, mark);
                query = mark + 1 < target.length() ? target.substring(mark + 1) : null; // a masked query keeps only '?'
            }
        }
        String host = log.requestDomain();
        Integer port = null;
        if (host != null) {
            int colon = host.lastIndexOf(':');
            boolean bracketed = host.startsWith("[");
            if (colon > 0 && (bracketed ? host.charAt(colon - 1) == ']' : host.indexOf(':') == colon)) {
                port = parsePort(host.substring(colon + 1));
                host = host.substring(0, colon);
            }
            if (bracketed && host.endsWith("]")) host = host.substring(1, host.length() - 1); // [::1] is ::1
            if (host.isEmpty()) host = null;
        }
        return new HttpCall(log, path, query, host, port);
    }

    @Override
    public SpanKind kind() {
        return SpanKind.SERVER;
    }

    @Override
    public String spanName() {
        String method = log.requestType();
        String name = method != null && KNOWN_METHODS.contains(method) ? method : "HTTP";
        String endpoint = log.endpoint();
        if (endpoint != null) return endpoint.isEmpty() ? name : name + " " + endpoint; // "" when configured so
        return path == null || path.isEmpty() ? name : name + " " + path;
    }

    @Override
    public void addTo(AttributesBuilder a) {
        String method = log.requestType();
        if (method != null) {
            boolean known = KNOWN_METHODS.contains(method);
            a.put("http.request.method", known ? method : "_OTHER");
            if (!known) a.put("http.request.method_original", method);
        }
        a.put("url.path", path);
        a.put("url.query", query);
        a.put("url.scheme", Boolean.TRUE.equals(log.isTls()) ? "https" : "http");
        if (log.responseCode() != null) a.put("http.response.status_code", log.responseCode().longValue());
        if (log.requestLength() != null) a.put("http.request.body.size", log.requestLength());
        if (log.responseLength() != null) a.put("http.response.body.size", log.responseLength());
        a.put("network.protocol.name", "http");
        a.put("network.protocol.version", log.version());
        if (host != null) a.put("server.address", host);
        if (port != null) a.put("server.port", port.longValue());
        String realClient = firstForwarded(log.httpProxyClient());
        if (realClient != null) {
            a.put("client.address", realClient); // X-Forwarded-For: the client behind the proxies
            a.remove(AttributeKey.longKey("client.port")); // the proxy's port is not the client's
        }
        a.put("user_agent.original", userAgent(log.attributes()));
    }

    /** The path and query of a request target; absolute-form (a proxy's request) loses scheme and authority. */
    private static String originForm(String target) {
        if (target == null || target.isEmpty() || target.startsWith("/")) return target;
        int scheme = target.indexOf("://");
        if (scheme < 0) return target; // '*' of OPTIONS, or an authority of CONNECT
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }

    private static Integer parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port <= 65_535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstForwarded(String forwardedFor) {
        if (forwardedFor == null) return null;
        int comma = forwardedFor.indexOf(',');
        String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }

    /** A User-Agent a plugin or parser kept among the attributes; the built-in parsers keep none. */
    private static String userAgent(Map<String, String> attributes) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().replace('-', '_').equalsIgnoreCase("user_agent")) return e.getValue();
        }
        return null;
    }
}
