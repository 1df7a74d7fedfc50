package io.wirespan.server;

import io.wirespan.store.CallLogStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.StoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One trace's spans, from the call logs that carry its trace id and those tied to them by an
 * {@code X-Request-ID} (a proxy's hop that forwards the request id but no trace header). A span's
 * parent is the span whose {@code span_id} its {@code parent_span_id} names; failing that, a span
 * of the trace that shares its request id and encloses it in time, as a proxy encloses its
 * upstream call. Spans are returned in start order, each with its depth for a waterfall.
 */
final class TraceAssembler {
    static final int MAX_SPANS = 10_000;

    private final CallLogStore store;
    private final QueryLimits limits;

    TraceAssembler(CallLogStore store, QueryLimits limits) {
        this.store = store;
        this.limits = new QueryLimits(Math.min(limits.maxRows(), MAX_SPANS), limits.timeout());
    }

    /** One span: the call log, where it hangs, and its place in the waterfall. */
    record Span(String id, String parentId, int depth, long offsetMicros, long durationMicros, String linkedBy, Map<String, Object> callLog) {}

    record Trace(String traceId, long startTime, long endTime, List<Span> spans) {}

    Trace assemble(String traceId) throws StoreException {
        List<Map<String, Object>> logs = Rows.asMaps(store.query(
                "SELECT * FROM l7_flow_log WHERE trace_id = ? ORDER BY start_time, flow_id", List.of(traceId), limits));
        Set<String> requestIds = new LinkedHashSet<>();
        for (Map<String, Object> log : logs) {
            addText(requestIds, log.get("x_request_id_0"));
            addText(requestIds, log.get("x_request_id_1"));
        }
        List<Map<String, Object>> linked = List.of();
        if (!requestIds.isEmpty()) {
            String marks = String.join(", ", Collections.nCopies(requestIds.size(), "?"));
            List<Object> parameters = new ArrayList<>(requestIds);
            parameters.addAll(requestIds);
            parameters.add(traceId);
            linked = Rows.asMaps(store.query("SELECT * FROM l7_flow_log WHERE (x_request_id_0 IN (" + marks + ") OR x_request_id_1 IN ("
                    + marks + ")) AND (trace_id IS NULL OR trace_id <> ?) ORDER BY start_time, flow_id", parameters, limits));
        }
        return build(traceId, logs, linked);
    }

    static Trace build(String traceId, List<Map<String, Object>> traced, List<Map<String, Object>> linked) {
        List<Node> nodes = new ArrayList<>();
        for (Map<String, Object> log : traced) nodes.add(new Node(log, false, nodes.size()));
        for (Map<String, Object> log : linked) nodes.add(new Node(log, true, nodes.size()));
        if (nodes.isEmpty()) return new Trace(traceId, 0, 0, List.of());

        Map<String, Node> bySpanId = new HashMap<>();
        for (Node node : nodes) {
            if (node.spanId != null) bySpanId.putIfAbsent(node.spanId, node);
        }
        for (Node node : nodes) {
            Node parent = node.parentSpanId == null ? null : bySpanId.get(node.parentSpanId);
            if (parent == null || parent == node) parent = enclosingWithSameRequestId(node, nodes);
            node.parent = parent;
        }
        for (Node node : nodes) {
            if (node.hasCycle()) node.parent = null; // span ids that name each other: the first one met becomes a root
        }
        long start = nodes.stream().mapToLong(n -> n.start).min().orElse(0);
        long end = nodes.stream().mapToLong(n -> n.end).max().orElse(0);
        List<Span> spans = new ArrayList<>();
        for (Node node : ordered(nodes)) {
            spans.add(new Span(node.id, node.parent == null ? null : node.parent.id, node.depth(), node.start - start,
                    node.end - node.start, node.linkedByRequestId ? "x_request_id" : "trace_id", node.log));
        }
        return new Trace(traceId, start, end, spans);
    }

    /** Depth-first, children in start order: the order a waterfall draws. */
    private static List<Node> ordered(List<Node> nodes) {
        Map<Node, List<Node>> children = new HashMap<>();
        List<Node> roots = new ArrayList<>();
        for (Node node : nodes) {
            if (node.parent == null) roots.add(node);
            else children.computeIfAbsent(node.parent, k -> new ArrayList<>()).add(node);
        }
        Comparator<Node> byStart = Comparator.comparingLong((Node n) -> n.start).thenComparingInt(n -> n.index);
        List<Node> out = new ArrayList<>(nodes.size());
        List<Node> stack = new ArrayList<>(roots.stream().sorted(byStart.reversed()).toList());
        while (!stack.isEmpty()) {
            Node node = stack.removeLast();
            out.add(node);
            stack.addAll(children.getOrDefault(node, List.of()).stream().sorted(byStart.reversed()).toList());
        }
        return out;
    }

    private static Node enclosingWithSameRequestId(Node node, List<Node> nodes) {
        Node best = null;
        for (Node candidate : nodes) {
            if (candidate == node || !candidate.sharesRequestId(node)) continue;
            boolean encloses = candidate.start <= node.start && node.end <= candidate.end
                    && (candidate.start < node.start || node.end < candidate.end || candidate.index < node.index);
            if (encloses && (best == null || best.end - best.start > candidate.end - candidate.start)) best = candidate;
        }
        return best;
    }

    private static void addText(Set<String> into, Object value) {
        if (value instanceof String s && !s.isEmpty()) into.add(s);
    }

    private static final class Node {
        final Map<String, Object> log;
        final boolean linkedByRequestId;
        final int index;
        final String id, spanId, parentSpanId, requestId0, requestId1;
        final long start, end;
        Node parent;

        Node(Map<String, Object> log, boolean linkedByRequestId, int index) {
            this.log = log;
            this.linkedByRequestId = linkedByRequestId;
            this.index = index;
            spanId = text(log.get("span_id"));
            parentSpanId = text(log.get("parent_span_id"));
            requestId0 = text(log.get("x_request_id_0"));
            requestId1 = text(log.get("x_request_id_1"));
            start = ((Number) log.get("start_time")).longValue();
            end = ((Number) log.get("end_time")).longValue();
            // a span id can repeat (client and server side of one call): the index keeps ids apart
            id = (spanId != null ? spanId : "flow-" + log.get("flow_id")) + "#" + index;
        }

        boolean sharesRequestId(Node other) {
            return matches(requestId0, other) || matches(requestId1, other);
        }

        private static boolean matches(String requestId, Node other) {
            return requestId != null && (requestId.equals(other.requestId0) || requestId.equals(other.requestId1));
        }

        boolean hasCycle() {
            int steps = 0;
            for (Node n = parent; n != null; n = n.parent) {
                if (n == this || ++steps > MAX_SPANS) return true;
            }
            return false;
        }

        int depth() {
            int depth = 0;
            for (Node n = parent; n != null && depth <= MAX_SPANS; n = n.parent) depth++;
            return depth;
        }

        private static String text(Object value) {
            return value instanceof String s && !s.isEmpty() ? s : null;
        }
    }
}
