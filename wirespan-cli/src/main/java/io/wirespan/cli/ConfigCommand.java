package io.wirespan.cli;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code wirespan config get|set}: an agent group's configuration on a server, YAML with DeepFlow's keys. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Read or set an agent group's configuration on a server.",
        subcommands = {ConfigCommand.Get.class, ConfigCommand.Set.class})
final class ConfigCommand {
    static final String DEFAULT_GROUP = "default";

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a group's configuration (YAML).")
    static final class Get implements Callable<Integer> {
        @Option(names = "--group", paramLabel = "G", defaultValue = DEFAULT_GROUP, description = "Agent group (default: ${DEFAULT-VALUE}).")
        String group;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            ServerClient client = server.client();
            System.out.print(client.send(client.request("/v1/config/" + URLEncoder.encode(group, StandardCharsets.UTF_8)).GET()));
            System.out.flush();
            return WirespanCommand.EXIT_OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a group's configuration from a YAML file; the server checks it as an agent would load it.")
    static final class Set implements Callable<Integer> {
        @Option(names = "--group", paramLabel = "G", defaultValue = DEFAULT_GROUP, description = "Agent group (default: ${DEFAULT-VALUE}).")
        String group;

        @Parameters(paramLabel = "FILE", description = "The configuration, YAML with DeepFlow's keys (plugins.wasm_plugins included).")
        Path file;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            String yaml = Files.readString(file);
            ServerClient client = server.client();
            JsonNode answer = client.sendForJson(client.request("/v1/config/" + URLEncoder.encode(group, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8)));
            System.out.println("group " + answer.get("group").asString() + " is at revision " + answer.get("revision").asLong());
            return WirespanCommand.EXIT_OK;
        }
    }
}
