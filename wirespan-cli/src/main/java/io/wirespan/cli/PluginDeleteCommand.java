package io.wirespan.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wirespan plugin delete}: removes a plugin from a server's registry. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a plugin from a server (refused while a group uses it).")
final class PluginDeleteCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The plugin's name.")
    String name;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        ServerClient client = server.client();
        client.send(client.request("/v1/plugins/" + URLEncoder.encode(name, StandardCharsets.UTF_8)).DELETE());
        System.out.println("deleted plugin " + name);
        return WirespanCommand.EXIT_OK;
    }
}
