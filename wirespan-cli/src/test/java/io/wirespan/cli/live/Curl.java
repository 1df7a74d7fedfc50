package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the real curl and records, per URL, what it sent and what it saw. */
final class Curl {
    /**
     * One request/response as curl saw it.
     *
     * @param headers  request headers the test added (name as given → value)
     * @param target   path with query, as sent
     * @param reason   the reason phrase of the status line ("" for HTTP/2)
     */
    record Exchange(String method, String target, Map<String, String> headers, int code, String reason, int localPort,
                    String httpVersion, long sizeUpload, long sizeDownload) {}

    private Curl() {}

    /**
     * Runs one curl process for {@code urls} (one connection, reused from URL to URL), with
     * {@code options} (e.g. {@code --http2-prior-knowledge}, {@code -X POST}, {@code -d ...}),
     * {@code headers} added to every request and {@code method} as what the request line says.
     */
    static List<Exchange> run(String method, List<String> options, Map<String, String> headers, String... urls) {
        String curl = Binaries.require("curl", "curl");
        Path dump;
        try {
            dump = Files.createTempFile("wirespan-curl-headers", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<String> command = new ArrayList<>(List.of(curl, "-s", "-D", dump.toString(), "-w",
                    "%{http_code} %{local_port} %{http_version} %{size_upload} %{size_download}\\n"));
            command.addAll(options);
            headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
            for (String url : urls) command.addAll(List.of("-o", "/dev/null", url));
            Programs.Result result = Programs.run(command);
            if (result.exitCode() != 0) throw new AssertionError("curl failed (" + result.exitCode() + "): " + command + "\n" + result.err());
            List<String> lines = result.out().lines().toList();
            List<String> statusLines = readStatusLines(dump);
            if (lines.size() != urls.length || statusLines.size() != urls.length) {
                throw new AssertionError("curl reported " + lines + " and status lines " + statusLines + " for " + List.of(urls));
            }
            List<Exchange> exchanges = new ArrayList<>();
            for (int i = 0; i < urls.length; i++) {
                String[] w = lines.get(i).trim().split(" ");
                String[] status = statusLines.get(i).split(" ", 3);
                URI uri = URI.create(urls[i]);
                String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                exchanges.add(new Exchange(method, target, new LinkedHashMap<>(headers), Integer.parseInt(w[0]),
                        status.length > 2 ? status[2] : "", Integer.parseInt(w[1]), w[2], Long.parseLong(w[3]),
                        Long.parseLong(w[4])));
            }
            return exchanges;
        } finally {
            try {
                Files.deleteIfExists(dump);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    private static List<String> readStatusLines(Path dump) {
        try {
            return Files.readAllLines(dump, StandardCharsets.ISO_8859_1).stream()
                    .map(String::strip).filter(l -> l.startsWith("HTTP/")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
