package io.wirespan.wasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Hand-written test modules, assembled by wabt's {@code wat2wasm} (Debian {@code wabt}, installed by .ci/run). */
public final class Wat {
    private Wat() {}

    /** The {@code deepflow} imports hand-written plugins use, as $ctx, $payload, $str, $info and $log. */
    public static final String ABI_IMPORTS = """
            (import "deepflow" "vm_read_ctx_base" (func $ctx (param i32 i32) (result i32)))
            (import "deepflow" "vm_read_payload" (func $payload (param i32 i32) (result i32)))
            (import "deepflow" "host_read_str_result" (func $str (param i32 i32) (result i32)))
            (import "deepflow" "host_read_l7_protocol_info" (func $info (param i32 i32) (result i32)))
            (import "deepflow" "wasm_log" (func $log (param i32 i32 i32)))
            """;

    /** Bit 0 of the u128 hook bitmap, kept at address 1024: check_payload and parse_payload. */
    public static final String PAYLOAD_HOOKS = """
            (data (i32.const 1024) "\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\01")
            (func (export "get_hook_bitmap") (result i32) i32.const 1024)
            """;

    public static byte[] compile(String text) {
        try {
            Path dir = Files.createTempDirectory("wat");
            Path source = dir.resolve("m.wat"), binary = dir.resolve("m.wasm");
            Files.writeString(source, text);
            Process p = new ProcessBuilder("wat2wasm", source.toString(), "-o", binary.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("wat2wasm failed: " + output);
            return Files.readAllBytes(binary);
        } catch (IOException e) {
            throw new AssertionError("wat2wasm is needed (Debian package wabt): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A plugin with every required export; {@code body} adds functions and may replace the
     * defaults, which return 0. Imports go in {@code imports}.
     */
    public static String plugin(String imports, String body) {
        StringBuilder m = new StringBuilder("(module\n").append(imports).append("\n(memory (export \"memory\") 1)\n");
        m.append(body).append('\n');
        for (String hook : new String[] {"on_http_req", "on_http_resp", "check_payload", "parse_payload", "get_hook_bitmap"}) {
            if (!body.contains("(export \"" + hook + "\")")) m.append("(func (export \"").append(hook).append("\") (result i32) i32.const 0)\n");
        }
        if (!body.contains("(export \"_start\")")) m.append("(func (export \"_start\"))\n");
        return m.append(")").toString();
    }
}
