package io.wirespan.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the plugins of {@code plugins/examples} with the C SDK of {@code plugins/sdk/c}, using
 * Debian's clang, lld and wasi-libc (installed by .ci/run): every test run compiles the SDK.
 */
public final class CPlugins {
    /** The project's {@code plugins} folder, seen from a module's folder, where tests run. */
    public static final Path PLUGINS = Path.of("..", "plugins");

    private CPlugins() {}

    /** Builds {@code plugins/examples/NAME/NAME.c} and returns the module's bytes. */
    public static byte[] build(String name) {
        try {
            return Files.readAllBytes(compile(name));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Builds {@code plugins/examples/NAME/NAME.c} into a temporary file and returns its path.
     *
     * @param defines macro definitions for this build, {@code NAME=VALUE}
     */
    public static Path compile(String name, String... defines) {
        return compile(PLUGINS, name, defines);
    }

    /** Builds {@code plugins/examples/NAME/NAME.c} of the {@code plugins} folder given. */
    public static Path compile(Path plugins, String name, String... defines) {
        try {
            Path out = Files.createTempDirectory("plugin").resolve(name + ".wasm");
            Path source = plugins.resolve("examples").resolve(name).resolve(name + ".c");
            Path sdk = plugins.resolve("sdk").resolve("c");
            List<String> command = new ArrayList<>(List.of("clang", "--target=wasm32-wasi", "-O2", "-Wall", "-Wextra",
                    "-Werror", "-I", sdk.toString(), "-o", out.toString()));
            for (String define : defines) command.add("-D" + define);
            command.add(source.toString());
            command.add(sdk.resolve("wasm_plugin.c").toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("clang failed:\n" + output);
            return out;
        } catch (IOException e) {
            throw new AssertionError("clang, lld and wasi-libc are needed (Debian packages clang lld wasi-libc"
                    + " libclang-rt-14-dev-wasm32): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
