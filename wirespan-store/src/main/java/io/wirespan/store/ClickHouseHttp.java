package io.wirespan.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A thin client of ClickHouse's HTTP interface: one POST per statement, with the SQL as the body
 * (or, for an INSERT, in the URL with the rows as the body) and settings as URL parameters. It
 * uses only what servers as old as 18.16 have: HTTP/1.1, basic authentication, gzip bodies.
 */
final class ClickHouseHttp implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int ERROR_BYTES = 16 * 1024;

    private final ClickHouseUrl url;
    private final HttpClient client;

    ClickHouseHttp(ClickHouseUrl url) {
        this.url = url;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Runs a statement whose answer is short (DDL, ALTER, a count) and returns that answer. */
    String execute(String sql, Map<String, String> settings, Duration timeout) throws IOException, ClickHouseException {
        try (InputStream answer = send(settings, BodyPublishers.ofString(sql), false, timeout)) {
            return new String(answer.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends gzip-compressed JSONEachRow lines to {@code INSERT INTO table}. */
    void insert(String table, byte[] gzippedRows, Map<String, String> settings, Duration timeout)
            throws IOException, ClickHouseException {
        Map<String, String> withQuery = new LinkedHashMap<>(settings);
        withQuery.put("query", "INSERT INTO " + table + " FORMAT JSONEachRow");
        try (InputStream answer = send(withQuery, BodyPublishers.ofByteArray(gzippedRows), true, timeout)) {
            answer.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Runs a query and returns its answer as it arrives; gzip on the wire (enable_http_compression), plain here. */
    InputStream query(String sql, Map<String, String> settings, Duration timeout) throws IOException, ClickHouseException {
        Map<String, String> compressed = new LinkedHashMap<>(settings);
        compressed.put("enable_http_compression", "1");
        return send(compressed, BodyPublishers.ofString(sql), false, timeout);
    }

    private InputStream send(Map<String, String> parameters, BodyPublisher body, boolean gzippedBody, Duration timeout)
            throws IOException, ClickHouseException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(parameters)).timeout(timeout).POST(body)
                .header("Accept-Encoding", "gzip");
        if (gzippedBody) request.header("Content-Encoding", "gzip");
        if (url.user() != null) {
            String credentials = url.user() + ":" + (url.password() == null ? "" : url.password());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for ClickHouse");
        }
        InputStream answer = response.body();
        if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            answer = new GZIPInputStream(answer, 1 << 16);
        }
        if (response.statusCode() != 200) {
            try (InputStream error = answer) {
                throw ClickHouseException.of(response.statusCode(), new String(error.readNBytes(ERROR_BYTES), StandardCharsets.UTF_8));
            }
        }
        return answer;
    }

    private URI uri(Map<String, String> parameters) {
        return URI.create(url.server() + parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", "")));
    }

    @Override
    public void close() {
        client.close();
    }
}
