package io.wirespan.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test plugins of {@code src/test/c} with the C SDK of {@code plugins/sdk/c}, using
 * Debian's clang, lld and wasi-libc (installed by .ci/run): the SDK is compiled by every test run.
 */
final class CPlugins {
    static final Path SDK = Path.of("..", "plugins", "sdk", "c");

    private CPlugins() {}

    static byte[] build(String name) {
        try {
            Path out = Files.createTempDirectory("plugin").resolve(name + ".wasm");
            Process p = new ProcessBuilder("clang", "--target=wasm32-wasi", "-O2", "-Wall", "-Wextra", "-Werror",
                    "-I", SDK.toString(), "-o", out.toString(),
                    Path.of("src", "test", "c", name + ".c").toString(), SDK.resolve("wasm_plugin.c").toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("clang failed:\n" + output);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new AssertionError("clang, lld and wasi-libc are needed (Debian packages clang lld wasi-libc"
                    + " libclang-rt-14-dev-wasm32): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
