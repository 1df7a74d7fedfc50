package io.wirespan.engine.tags;

import io.wirespan.engine.config.ConfigKeys.EndpointRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The endpoint of an HTTP request: its path (no query) cut to the first N segments, N from the
 * longest matching {@code http_endpoint.match_rules} prefix (DeepFlow's default: 2 segments for
 * every path). {@code /api/v1/users/42?x=1} is {@code /api/v1}.
 */
public final class HttpEndpoints {
    private final boolean disabled;
    private final List<EndpointRule> rules;

    public HttpEndpoints(boolean disabled, List<EndpointRule> rules) {
        this.disabled = disabled;
        List<EndpointRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt((EndpointRule r) -> r.urlPrefix().length()).reversed());
        this.rules = List.copyOf(sorted);
    }

    public static HttpEndpoints defaults() {
        return new HttpEndpoints(false, List.of(new EndpointRule("", 2)));
    }

    /** The endpoint of a request target, or null when extraction is off or the target is not a path. */
    public String of(String target) {
        if (disabled || target == null || target.isEmpty()) return null;
        int end = target.length();
        int query = target.indexOf('?');
        if (query >= 0) end = query;
        int fragment = target.indexOf('#');
        if (fragment >= 0 && fragment < end) end = fragment;
        String path = target.substring(0, end);
        if (!path.startsWith("/")) {
            // absolute-form (a proxy request, RFC 9112 §3.2.2): the path after scheme://authority
            int scheme = path.indexOf("://");
            if (scheme < 0) return path.isEmpty() ? null : path;
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int keep = 2;
        for (EndpointRule rule : rules) {
            if (path.startsWith(rule.urlPrefix())) {
                keep = rule.keepSegments();
                break;
            }
        }
        if (keep == 0) return "";
        int segments = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/' && ++segments == keep) return path.substring(0, i);
        }
        return path;
    }
}
