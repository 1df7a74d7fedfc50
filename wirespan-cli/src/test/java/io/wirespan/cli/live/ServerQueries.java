package io.wirespan.cli.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL through a running server's query API ({@code POST /v1/query}), rows as lists of plain values. */
final class ServerQueries {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServerQueries() {}

    static List<List<Object>> rows(String url, String token, String sql) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/query"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", sql)))).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new AssertionError("query: " + response.statusCode() + " " + response.body());
            List<List<Object>> rows = new ArrayList<>();
            for (JsonNode row : JSON.readTree(response.body()).get("rows")) {
                List<Object> values = new ArrayList<>();
                for (JsonNode v : row) values.add(v.isNull() ? null : v.isNumber() ? (Object) v.asLong() : v.asString());
                rows.add(values);
            }
            return rows;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
