package io.wirespan.cli;

import com.sun.net.httpserver.HttpServer;
import io.wirespan.engine.capture.live.LiveStats;
import io.wirespan.engine.metrics.PrometheusText;
import io.wirespan.engine.protocol.L7Stats;
import io.wirespan.wasm.Hook;
import io.wirespan.wasm.PluginStats;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The agent's {@code /metrics} in Prometheus' text format. The pipeline's counters belong to its
 * threads, so nothing here reads them: each capture thread and each shard publishes a snapshot of
 * its own on every clock tick ({@link Published}), and a scrape reads the latest ones.
 */
final class AgentMetrics implements AutoCloseable {

    /** What one interface's threads published last. */
    record Published(String interfaceName, long packets, long bytes, LiveStats kernel, long reopens, Map<String, Long> decodeSkipped,
                     long callLogs, Map<String, Long> flowsByProtocol, long unidentifiedFlows, long parserFailures) {}

    /** The protocol side: the plugins' counters and, with a server, the group's configuration. */
    record Protocols(AgentProtocols settings, GroupConfigPoller groupConfig) {}

    private final HttpServer http;

    /**
     * Serves {@code GET /metrics} on {@code host:port} (port 0: any free one).
     *
     * @param interfaces what every interface published last
     */
    AgentMetrics(String host, int port, Supplier<List<Published>> interfaces, CallLogShipper shipper,
                 CallLogShipper.Destination destination, CallLogShipper otlp, Protocols protocols) throws IOException {
        http = HttpServer.create(new InetSocketAddress(host, port), 16);
        http.createContext("/metrics", exchange -> {
            byte[] body = scrape(interfaces.get(), shipper, destination, otlp, protocols).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    /** @param otlp the OTLP export's shipper, or null */
    static String scrape(List<Published> interfaces, CallLogShipper shipper, CallLogShipper.Destination destination,
                         CallLogShipper otlp, Protocols protocols) {
        PrometheusText out = new PrometheusText();
        counter(out, "wirespan_agent_packets_total", "Frames read from the interface.");
        for (Published p : interfaces) out.sample("wirespan_agent_packets_total", label(p), p.packets());
        counter(out, "wirespan_agent_bytes_total", "Frame bytes read from the interface.");
        for (Published p : interfaces) out.sample("wirespan_agent_bytes_total", label(p), p.bytes());
        counter(out, "wirespan_agent_dropped_packets_total",
                "Frames lost before parsing, by reason: the kernel's ring was full, the interface dropped them, the decoder skipped them.");
        for (Published p : interfaces) {
            out.sample("wirespan_agent_dropped_packets_total", label(p, "reason", "kernel_buffer_full"), p.kernel().dropped());
            out.sample("wirespan_agent_dropped_packets_total", label(p, "reason", "interface"), p.kernel().interfaceDropped());
            p.decodeSkipped().forEach((reason, n) ->
                    out.sample("wirespan_agent_dropped_packets_total", label(p, "reason", "decode." + reason), n));
        }
        counter(out, "wirespan_agent_interface_reopens_total", "Times the interface came back after it went down or away.");
        for (Published p : interfaces) out.sample("wirespan_agent_interface_reopens_total", label(p), p.reopens());
        counter(out, "wirespan_agent_flows_total", "Flows identified, by protocol, and those no protocol claimed.");
        for (Published p : interfaces) {
            p.flowsByProtocol().forEach((protocol, n) -> out.sample("wirespan_agent_flows_total", label(p, "l7_protocol", protocol), n));
            out.sample("wirespan_agent_flows_total", label(p, "l7_protocol", ""), p.unidentifiedFlows());
        }
        counter(out, "wirespan_agent_parser_failures_total", "Parsers that threw, each costing its own flow only.");
        for (Published p : interfaces) out.sample("wirespan_agent_parser_failures_total", label(p), p.parserFailures());
        counter(out, "wirespan_agent_call_logs_total", "Call logs made.");
        for (Published p : interfaces) out.sample("wirespan_agent_call_logs_total", label(p), p.callLogs());
        out.single("wirespan_agent_queue_call_logs", "gauge", "Call logs queued for delivery.", shipper.queued());
        out.single("wirespan_agent_queue_dropped_call_logs_total", "counter", "Call logs dropped because the queue was full.",
                shipper.dropped());
        out.single("wirespan_agent_delivered_call_logs_total", "counter", "Call logs the store or server took, or the spool kept.",
                shipper.delivered());
        out.single("wirespan_agent_spool_call_logs", "gauge", "Call logs waiting in the spool for the server.", destination.held());
        out.single("wirespan_agent_spool_dropped_call_logs_total", "counter",
                "Call logs dropped from the full spool, or refused by the server.", destination.dropped());
        out.single("wirespan_agent_undelivered_call_logs_total", "counter",
                "Call logs given up: refused, or the destination was down at the stop.", shipper.failed());
        if (otlp != null) {
            out.single("wirespan_agent_otlp_spans_total", "counter", "Call logs the OTLP receiver took as spans.", otlp.delivered());
            out.single("wirespan_agent_otlp_failed_spans_total", "counter", "Spans the OTLP receiver did not take.", otlp.failed());
            out.single("wirespan_agent_otlp_dropped_spans_total", "counter", "Spans dropped because the export's queue was full.",
                    otlp.dropped());
        }
        plugins(out, protocols.settings().pluginStats());
        GroupConfigPoller group = protocols.groupConfig();
        if (group != null) {
            String label = PrometheusText.labels("group", group.group());
            out.family("wirespan_agent_config_revision", "gauge", "The revision of the group's configuration applied last; -1 for none yet.")
                    .sample("wirespan_agent_config_revision", label, protocols.settings().revision());
            counter(out, "wirespan_agent_config_failures_total", "Polls of the group's configuration that could not apply it.")
                    .sample("wirespan_agent_config_failures_total", label, group.failures());
        }
        return out.toString();
    }

    /** Per Wasm plugin and hook: calls, failures and time; per plugin: memory, restarts, whether disabled. */
    private static void plugins(PrometheusText out, Map<String, PluginStats> stats) {
        counter(out, "wirespan_agent_plugin_calls_total", "Calls into a Wasm plugin, by hook.");
        stats.forEach((plugin, s) -> s.hooks().forEach((hook, h) ->
                out.sample("wirespan_agent_plugin_calls_total", label(plugin, hook), h.calls())));
        counter(out, "wirespan_agent_plugin_failures_total", "Calls into a Wasm plugin that trapped, timed out or answered wrongly.");
        stats.forEach((plugin, s) -> s.hooks().forEach((hook, h) ->
                out.sample("wirespan_agent_plugin_failures_total", label(plugin, hook), h.failures())));
        counter(out, "wirespan_agent_plugin_seconds_total", "Time spent in a Wasm plugin, by hook.");
        stats.forEach((plugin, s) -> s.hooks().forEach((hook, h) ->
                out.sample("wirespan_agent_plugin_seconds_total", label(plugin, hook), h.nanos() / 1e9)));
        out.family("wirespan_agent_plugin_memory_bytes", "gauge", "The linear memory of a plugin's largest instance.");
        stats.forEach((plugin, s) -> out.sample("wirespan_agent_plugin_memory_bytes", PrometheusText.labels("plugin", plugin), s.memoryBytes()));
        counter(out, "wirespan_agent_plugin_restarts_total", "Instances of a plugin started anew after a failure.");
        stats.forEach((plugin, s) -> out.sample("wirespan_agent_plugin_restarts_total", PrometheusText.labels("plugin", plugin), s.restarts()));
        out.family("wirespan_agent_plugin_disabled", "gauge", "1 when a plugin was disabled after failing too often.");
        stats.forEach((plugin, s) -> out.sample("wirespan_agent_plugin_disabled", PrometheusText.labels("plugin", plugin), s.disabled() ? 1 : 0));
    }

    /** Sums what the shards of one interface published into one map per protocol. */
    static Map<String, Long> sum(List<L7Stats> shards) {
        Map<String, Long> flows = new TreeMap<>();
        for (L7Stats s : shards) s.flowsByProtocol().forEach((k, v) -> flows.merge(k, v, Long::sum));
        return flows;
    }

    private static PrometheusText counter(PrometheusText out, String name, String help) {
        return out.family(name, "counter", help);
    }

    private static String label(Published p) {
        return PrometheusText.labels("interface", p.interfaceName());
    }

    private static String label(Published p, String name, String value) {
        return PrometheusText.labels("interface", p.interfaceName(), name, value);
    }

    private static String label(String plugin, Hook hook) {
        return PrometheusText.labels("plugin", plugin, "hook", hook.export());
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
