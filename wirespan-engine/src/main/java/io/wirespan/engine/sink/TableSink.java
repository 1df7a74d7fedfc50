package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Call logs as an aligned table for a terminal, in time order; printed when the run ends. */
public final class TableSink implements CallLogSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final TextTable table = new TextTable(48,
            "TIME (UTC)", "PROTOCOL", "CLIENT", "SERVER", "TYPE", "REQUEST", "RESOURCE", "STATUS", "CODE>", "RRT µs>");

    private final List<CallLog> logs = new ArrayList<>();

    public TableSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(CallLog log) {
        logs.add(log);
    }

    private void add(CallLog log) {
        table.add(TIME.format(Instant.EPOCH.plusNanos(log.startTime() * 1000)),
                log.l7Protocol().name(),
                endpoint(log.ip0(), log.clientPort()),
                endpoint(log.ip1(), log.serverPort()),
                log.type().wireName(),
                log.requestType(),
                log.requestResource(),
                log.responseStatus().wireName(),
                log.responseCode(),
                log.responseDuration());
    }

    @Override
    public void close() {
        logs.sort(Comparator.comparingLong(CallLog::startTime));
        logs.forEach(this::add);
        if (table.size() == 0) {
            out.println("(no call logs)");
            out.flush();
        } else {
            table.print(out);
        }
    }

    static String endpoint(String ip, int port) {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
