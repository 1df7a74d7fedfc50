package io.wirespan.cli;

import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code wirespan plugin create}: registers a Wasm plugin with a server, as DeepFlow's ctl does. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Register a Wasm plugin with a server; agents fetch it from there.")
final class PluginCreateCommand implements Callable<Integer> {
    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "wasm", description = "Plugin type: wasm (default).")
    String type;

    @Option(names = "--image", paramLabel = "FILE", required = true, description = "The plugin's .wasm file.")
    Path image;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "The name agent groups enable it by.")
    String name;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        byte[] wasm = Files.readAllBytes(image);
        ServerClient client = server.client();
        JsonNode created = client.sendForJson(client.request("/v1/plugins?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&type=" + URLEncoder.encode(type, StandardCharsets.UTF_8)).header("Content-Type", "application/wasm")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wasm)));
        System.out.println("created plugin " + created.get("name").asString() + " (" + created.get("size").asLong() + " bytes, sha256 "
                + created.get("sha256").asString() + ")");
        return WirespanCommand.EXIT_OK;
    }
}
