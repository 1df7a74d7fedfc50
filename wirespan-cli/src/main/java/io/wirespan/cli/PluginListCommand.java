package io.wirespan.cli;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wirespan plugin list}: the server's registered plugins, as a table or JSON lines. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the plugins registered with a server.")
final class PluginListCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default on a terminal) or jsonl.")
    ParseCommand.Format format;

    @Override
    public Integer call() throws Exception {
        ServerClient client = server.client();
        JsonNode plugins = client.sendForJson(client.request("/v1/plugins").GET());
        boolean table = format != null ? format == ParseCommand.Format.table : Terminal.detect().stdoutIsTerminal();
        if (!table) {
            for (JsonNode plugin : plugins) System.out.println(ServerClient.JSON.writeValueAsString(plugin));
            return WirespanCommand.EXIT_OK;
        }
        String row = "%-6s %-24s %10s %-16s %-24s %10s%n";
        System.out.printf(Locale.ROOT, row, "TYPE", "NAME", "SIZE", "SHA256", "CREATED_AT", "CALL_LOGS");
        for (JsonNode p : plugins) {
            System.out.printf(Locale.ROOT, row, p.get("type").asString(), p.get("name").asString(), p.get("size").asLong(),
                    p.get("sha256").asString().substring(0, 16), Instant.ofEpochMilli(p.get("created_at").asLong() / 1000),
                    p.get("call_logs").asLong());
        }
        return WirespanCommand.EXIT_OK;
    }
}
