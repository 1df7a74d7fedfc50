package io.wirespan.cli;

import picocli.CommandLine.Command;

/** {@code wirespan plugin}: tools for Wasm plugins. */
@Command(name = "plugin", description = "Work with WebAssembly plugins: a server's registry, and running one hook.",
        mixinStandardHelpOptions = true,
        subcommands = {PluginCreateCommand.class, PluginListCommand.class, PluginDeleteCommand.class, PluginExecCommand.class})
final class PluginCommand {}
