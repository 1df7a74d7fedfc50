package io.wirespan.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands' side of a Wirespan server's API: a request, and its answer or a one-line error.
 * A refusal (4xx) is bad input, with the server's own message; an unreachable or failing server
 * is a runtime failure.
 */
final class ServerClient {
    static final String DEFAULT_URL = "http://127.0.0.1:20416";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServerClient(String url, String token) throws BadInputException {
        try {
            URI uri = URI.create(url.endsWith("/") ? url : url + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new BadInputException(url + ": not an http(s) URL of a Wirespan server");
            }
            this.base = uri;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(url + ": not a URL: " + e.getMessage());
        }
        this.token = token;
    }

    /** The token of {@code --token}, or else of the environment's {@code WIRESPAN_TOKEN}. */
    static String token(String option) {
        return option != null ? option : System.getenv("WIRESPAN_TOKEN");
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofMinutes(5));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return request;
    }

    /** Sends a request and returns the body of a 2xx answer. */
    String send(HttpRequest.Builder request) throws BadInputException, IOException {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) refuse(response.statusCode(), response.body());
        return response.body();
    }

    /** The same for an answer that is not text: a plugin's module, say. */
    byte[] sendForBytes(HttpRequest.Builder request) throws BadInputException, IOException {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) refuse(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    /** Sends a request and returns whatever the server answered; only not reaching it is an exception. */
    <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return client.send(request.build(), body);
        } catch (ConnectException e) {
            throw new IOException("cannot reach the server at " + base + " (is `wirespan server` running there?)", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("the server at " + base + " did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Throws for an answer that is not 2xx: a 4xx is the caller's mistake, anything else the server's. */
    void refuse(int status, String body) throws BadInputException, IOException {
        String message = errorOf(body);
        if (status == 401 && token == null) message += " (give --token or set WIRESPAN_TOKEN)";
        if (status / 100 == 4) throw new BadInputException(message);
        throw new IOException("the server answered " + status + ": " + message);
    }

    JsonNode sendForJson(HttpRequest.Builder request) throws BadInputException, IOException {
        String body = send(request);
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IOException("the server's answer is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body).get("error");
            if (error != null) return error.asString();
        } catch (JacksonException e) {
            // not the server's JSON: show the start of whatever came
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
