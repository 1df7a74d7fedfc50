package io.wirespan.cli;

import picocli.CommandLine.Option;

/** The options of the commands that talk to a server: where it is, and the token for writing. */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL", defaultValue = ServerClient.DEFAULT_URL,
            description = "The Wirespan server (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", paramLabel = "T", description = "The server's token (default: $WIRESPAN_TOKEN).")
    String token;

    ServerClient client() throws BadInputException {
        return new ServerClient(url, ServerClient.token(token));
    }
}
