package io.wirespan.cli;

import com.sun.net.httpserver.HttpServer;
import io.wirespan.engine.capture.live.LiveStats;
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
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

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
                 CallLogShipper.Destination destination, Protocols protocols) throws IOException {
        http = HttpServer.create(new InetSocketAddress(host, port), 16);
        http.createContext("/metrics", exchange -> {
            byte[] body = scrape(interfaces.get(), shipper, destination, protocols).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
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

    static String scrape(List<Published> interfaces, CallLogShipper shipper, CallLogShipper.Destination destination,
                         Protocols protocols) {
        StringBuilder out = new StringBuilder(4096);
        counter(out, "wirespan_agent_packets_total", "Frames read from the interface.");
        for (Published p : interfaces) sample(out, "wirespan_agent_packets_total", label(p), p.packets());
        counter(out, "wirespan_agent_bytes_total", "Frame bytes read from the interface.");
        for (Published p : interfaces) sample(out, "wirespan_agent_bytes_total", label(p), p.bytes());
        counter(out, "wirespan_agent_dropped_packets_total",
                "Frames lost before parsing, by reason: the kernel's ring was full, the interface dropped them, the decoder skipped them.");
        for (Published p : interfaces) {
            sample(out, "wirespan_agent_dropped_packets_total", label(p, "reason", "kernel_buffer_full"), p.kernel().dropped());
            sample(out, "wirespan_agent_dropped_packets_total", label(p, "reason", "interface"), p.kernel().interfaceDropped());
            p.decodeSkipped().forEach((reason, n) ->
                    sample(out, "wirespan_agent_dropped_packets_total", label(p, "reason", "decode." + reason), n));
        }
        counter(out, "wirespan_agent_interface_reopens_total", "Times the interface came back after it went down or away.");
        for (Published p : interfaces) sample(out, "wirespan_agent_interface_reopens_total", label(p), p.reopens());
        counter(out, "wirespan_agent_flows_total", "Flows identified, by protocol, and those no protocol claimed.");
        for (Published p : interfaces) {
            p.flowsByProtocol().forEach((protocol, n) -> sample(out, "wirespan_agent_flows_total", label(p, "l7_protocol", protocol), n));
            sample(out, "wirespan_agent_flows_total", label(p, "l7_protocol", ""), p.unidentifiedFlows());
        }
        counter(out, "wirespan_agent_parser_failures_total", "Parsers that threw, each costing its own flow only.");
        for (Published p : interfaces) sample(out, "wirespan_agent_parser_failures_total", label(p), p.parserFailures());
        counter(out, "wirespan_agent_call_logs_total", "Call logs made.");
        for (Published p : interfaces) sample(out, "wirespan_agent_call_logs_total", label(p), p.callLogs());
        gauge(out, "wirespan_agent_queue_call_logs", "Call logs queued for delivery.", shipper.queued());
        counter(out, "wirespan_agent_queue_dropped_call_logs_total", "Call logs dropped because the queue was full.");
        out.append("wirespan_agent_queue_dropped_call_logs_total ").append(shipper.dropped()).append('\n');
        counter(out, "wirespan_agent_delivered_call_logs_total", "Call logs the store or server took, or the spool kept.");
        out.append("wirespan_agent_delivered_call_logs_total ").append(shipper.delivered()).append('\n');
        gauge(out, "wirespan_agent_spool_call_logs", "Call logs waiting in the spool for the server.", destination.held());
        counter(out, "wirespan_agent_spool_dropped_call_logs_total", "Call logs dropped from the full spool, or refused by the server.");
        out.append("wirespan_agent_spool_dropped_call_logs_total ").append(destination.dropped()).append('\n');
        counter(out, "wirespan_agent_undelivered_call_logs_total", "Call logs given up: refused, or the destination was down at the stop.");
        out.append("wirespan_agent_undelivered_call_logs_total ").append(shipper.failed()).append('\n');
        plugins(out, protocols.settings().pluginStats());
        GroupConfigPoller group = protocols.groupConfig();
        if (group != null) {
            String label = "{group=\"" + escape(group.group()) + "\"}";
            family(out, "wirespan_agent_config_revision", "gauge", "The revision of the group's configuration applied last; -1 for none yet.");
            sample(out, "wirespan_agent_config_revision", label, protocols.settings().revision());
            counter(out, "wirespan_agent_config_failures_total", "Polls of the group's configuration that could not apply it.");
            sample(out, "wirespan_agent_config_failures_total", label, group.failures());
        }
        return out.toString();
    }

    /** Per Wasm plugin and hook: calls, failures and time; per plugin: memory, restarts, whether disabled. */
    private static void plugins(StringBuilder out, Map<String, PluginStats> stats) {
        counter(out, "wirespan_agent_plugin_calls_total", "Calls into a Wasm plugin, by hook.");
        stats.forEach((plugin, s) -> s.hooks().forEach((hook, h) ->
                sample(out, "wirespan_agent_plugin_calls_total", pluginLabel(plugin, hook), h.calls())));
        counter(out, "wirespan_agent_plugin_failures_total", "Calls into a Wasm plugin that trapped, timed out or answered wrongly.");
        stats.forEach((plugin, s) -> s.hooks().forEach((hook, h) ->
                sample(out, "wirespan_agent_plugin_failures_total", pluginLabel(plugin, hook), h.failures())));
        counter(out, "wirespan_agent_plugin_seconds_total", "Time spent in a Wasm plugin, by hook.");
        stats.forEach((plugin, s) -> s.hooks().forEach((hook, h) -> out.append("wirespan_agent_plugin_seconds_total")
                .append(pluginLabel(plugin, hook)).append(' ').append(h.nanos() / 1e9).append('\n')));
        family(out, "wirespan_agent_plugin_memory_bytes", "gauge", "The linear memory of a plugin's largest instance.");
        stats.forEach((plugin, s) -> sample(out, "wirespan_agent_plugin_memory_bytes", pluginLabel(plugin), s.memoryBytes()));
        counter(out, "wirespan_agent_plugin_restarts_total", "Instances of a plugin started anew after a failure.");
        stats.forEach((plugin, s) -> sample(out, "wirespan_agent_plugin_restarts_total", pluginLabel(plugin), s.restarts()));
        family(out, "wirespan_agent_plugin_disabled", "gauge", "1 when a plugin was disabled after failing too often.");
        stats.forEach((plugin, s) -> sample(out, "wirespan_agent_plugin_disabled", pluginLabel(plugin), s.disabled() ? 1 : 0));
    }

    private static String pluginLabel(String plugin) {
        return "{plugin=\"" + escape(plugin) + "\"}";
    }

    private static String pluginLabel(String plugin, Hook hook) {
        return "{plugin=\"" + escape(plugin) + "\",hook=\"" + hook.export() + "\"}";
    }

    /** Sums what the shards of one interface published into one map per protocol. */
    static Map<String, Long> sum(List<L7Stats> shards) {
        Map<String, Long> flows = new TreeMap<>();
        for (L7Stats s : shards) s.flowsByProtocol().forEach((k, v) -> flows.merge(k, v, Long::sum));
        return flows;
    }

    private static void counter(StringBuilder out, String name, String help) {
        family(out, name, "counter", help);
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        family(out, name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static String label(Published p) {
        return "{interface=\"" + escape(p.interfaceName()) + "\"}";
    }

    private static String label(Published p, String name, String value) {
        return "{interface=\"" + escape(p.interfaceName()) + "\"," + name + "=\"" + escape(value) + "\"}";
    }

    /** Backslash, quote and newline escaped, as the text format asks of label values. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
