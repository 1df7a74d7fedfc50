package io.wirespan.engine.metrics;

import io.wirespan.engine.sink.TextTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Metrics rows as an aligned table for a terminal, printed by {@link #close()}. */
public final class MetricsTable implements AutoCloseable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final TextTable table = new TextTable(48, "TIME (UTC)", "WIN>", "PROTOCOL", "SERVER", "ENDPOINT",
            "REQ>", "RESP>", "CLI ERR>", "SRV ERR>", "TIMEOUT>",
            "AVG µs>", "P50 µs>", "P90 µs>", "P99 µs>", "MAX µs>", "REQ B>", "RESP B>");

    public MetricsTable(PrintWriter out) {
        this.out = out;
    }

    public void add(List<MetricsRow> rows) {
        for (MetricsRow row : rows) add(row);
    }

    public void add(MetricsRow row) {
        table.add(TIME.format(Instant.EPOCH.plusNanos(row.time() * 1000)),
                row.windowSeconds() + "s",
                row.l7Protocol().name(),
                row.overflow() ? "(other)" : server(row.ip1(), row.serverPort()),
                row.endpoint(),
                row.request(),
                row.response(),
                row.clientError(),
                row.serverError(),
                row.timeout(),
                row.rrtCount() == 0 ? null : row.rrtSum() / row.rrtCount(),
                row.rrtP50(),
                row.rrtP90(),
                row.rrtP99(),
                row.rrtMax(),
                row.requestBytes(),
                row.responseBytes());
    }

    @Override
    public void close() {
        if (table.size() == 0) {
            out.println("(no metrics)");
            out.flush();
        } else {
            table.print(out);
        }
    }

    private static String server(String ip, int port) {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
