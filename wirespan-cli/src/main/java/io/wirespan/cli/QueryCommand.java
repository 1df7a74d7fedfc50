package io.wirespan.cli;

import io.wirespan.server.ServerSettings;
import io.wirespan.store.BadQueryException;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryResult;
import io.wirespan.store.StoreException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code wirespan query}: one read-only SQL statement, answered as JSON lines, one object per row. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run a read-only SQL query over l7_flow_log and application; rows come out as JSON lines.")
final class QueryCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true)
    Target target;

    static final class Target {
        @Option(names = "--server", paramLabel = "URL", description = "A Wirespan server (default: " + ServerClient.DEFAULT_URL + ").")
        String server;

        @Option(names = "--db", paramLabel = "FILE", description = "A DuckDB file, read directly (not one a server has open).")
        Path db;
    }

    @Parameters(paramLabel = "SQL", description = "One SELECT statement.")
    String sql;

    @Override
    public Integer call() throws Exception {
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        boolean truncated;
        if (target != null && target.db != null) {
            truncated = fromFile(target.db, out);
        } else {
            truncated = fromServer(target == null || target.server == null ? ServerClient.DEFAULT_URL : target.server, out);
        }
        out.flush();
        if (truncated) System.err.println("wirespan: the answer was cut at the row limit; add LIMIT/OFFSET or aggregate");
        return WirespanCommand.EXIT_OK;
    }

    private boolean fromFile(Path db, Writer out) throws BadInputException, IOException {
        if (!Files.exists(db)) throw new NoSuchFileException(db.toString());
        try (DuckDbStore store = Stores.duckDb(db)) {
            QueryResult result = store.query(sql, List.of(), ServerSettings.DEFAULT_QUERY_LIMITS);
            for (List<Object> row : result.rows()) line(out, result.columns(), row);
            return result.truncated();
        } catch (BadQueryException e) {
            throw new BadInputException(e.getMessage());
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private boolean fromServer(String url, Writer out) throws BadInputException, IOException {
        ServerClient client = new ServerClient(url, null);
        String body = ServerClient.JSON.writeValueAsString(Map.of("sql", sql));
        JsonNode answer = client.sendForJson(client.request("/v1/query").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        List<String> columns = new ArrayList<>();
        answer.get("columns").forEach(c -> columns.add(c.asString()));
        for (JsonNode row : answer.get("rows")) {
            List<Object> values = new ArrayList<>();
            row.forEach(values::add);
            line(out, columns, values);
        }
        return answer.get("truncated").asBoolean();
    }

    private static void line(Writer out, List<String> columns, List<Object> row) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) object.put(columns.get(i), row.get(i));
        out.write(ServerClient.JSON.writeValueAsString(object));
        out.write('\n');
    }
}
