package io.wirespan.cli;

import picocli.CommandLine.Command;

/** {@code wirespan plugin}: tools for Wasm plugins. */
@Command(name = "plugin", description = "Work with WebAssembly plugins.",
        mixinStandardHelpOptions = true, subcommands = {PluginExecCommand.class})
final class PluginCommand {}
