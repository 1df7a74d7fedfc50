package io.wirespan.engine.protocol.postgresql;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.protocol.sql.Dialect;
import io.wirespan.engine.protocol.sql.SqlMasker;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PostgreSQL connection. Frontend messages are grouped as the server answers them: a simple
 * Query is a group, and so is every run of extended-protocol messages up to a Sync; the server
 * ends its answer to each group with ReadyForQuery. As in DeepFlow, a group is logged when it
 * holds a Query ({@code simple query}), a Parse ({@code parse}, with its statement) or else an
 * Execute ({@code execute}, with the statement the portal was bound to, when this connection saw
 * it parsed); other groups (startup, Bind+Sync, COPY data, function calls) are followed, for the
 * order of answers, but not logged. The answer carries CommandComplete's row count (summed when
 * one Query runs several statements) or the ErrorResponse's SQLSTATE.
 */
final class PostgresqlParser implements L7Parser {
    /** Groups sent and not yet answered, most kept per connection; older ones are forgotten. */
    static final int MAX_PENDING = 64;
    /** Named statements and portals remembered per connection. */
    static final int MAX_NAMES = 256;

    /** A group the server has yet to answer: whether it was logged. */
    private final ArrayDeque<Boolean> pending = new ArrayDeque<>();
    private final Map<String, String> statements = lru();
    private final Map<String, String> portals = lru();
    private final ParserCounters<PostgresqlCounter> counters;
    private final PostgresqlFramer client;
    private final PostgresqlFramer server;
    private final FrontendHandler frontend = new FrontendHandler();
    private final BackendHandler backend = new BackendHandler();

    // The extended-protocol group being sent.
    private String groupParseSql;
    private boolean groupHasParse;
    private boolean groupHasExecute;
    private String groupExecuteSql;
    private long groupBytes;

    // The answer being received.
    private long rows;
    private boolean hasRows;
    private String errorCode;
    private String errorMessage;
    private long answerBytes;

    // Valid during one call.
    private ParserSettings settings;
    private MessageSink out;

    PostgresqlParser(ParseContext context) {
        this.counters = new ParserCounters<>(PostgresqlCounter.values(), context);
        this.client = new PostgresqlFramer(true, counters);
        this.server = new PostgresqlFramer(false, counters);
    }

    private static Map<String, String> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > MAX_NAMES;
            }
        };
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        this.settings = context.settings();
        this.out = out;
        try {
            return direction == Direction.CLIENT_TO_SERVER
                    ? client.feed(data, offset, length, frontend)
                    : server.feed(data, offset, length, backend);
        } finally {
            this.out = null;
        }
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        // Within a skipped body nothing is lost; else a lost Sync, Query or ReadyForQuery would
        // shift every answer: the pairing starts anew.
        if (direction == Direction.CLIENT_TO_SERVER) {
            if (client.gap(missingBytes)) return;
            resetGroup();
        } else {
            if (server.gap(missingBytes)) return;
            resetAnswer();
        }
        pending.clear();
    }

    @Override
    public void onFlowEnd(ParseContext context, MessageSink out) {
        // A fatal error ends the connection without ReadyForQuery: it answers the oldest group.
        if (errorCode != null && !pending.isEmpty()) {
            this.settings = context.settings();
            this.out = out;
            answer();
            this.out = null;
        }
    }

    ParserCounters<PostgresqlCounter> counters() {
        return counters;
    }

    private void push(boolean logged) {
        if (pending.size() >= MAX_PENDING) {
            pending.pollFirst();
            counters.increment(PostgresqlCounter.PENDING_OVERFLOWS);
        }
        pending.addLast(logged);
    }

    private void resetGroup() {
        groupParseSql = null;
        groupHasParse = false;
        groupHasExecute = false;
        groupExecuteSql = null;
        groupBytes = 0;
    }

    private void resetAnswer() {
        rows = 0;
        hasRows = false;
        errorCode = null;
        errorMessage = null;
        answerBytes = 0;
    }

    private String sql(byte[] data, int from, int end) {
        String text = settings.truncate(PostgresqlWire.cstring(data, from, end));
        return settings.obfuscate() ? SqlMasker.mask(text, Dialect.POSTGRESQL) : text;
    }

    private void request(String type, String sql, long bytes) {
        push(true);
        out.emit(L7Message.request().requestType(type).requestResource(sql).capturedBytes(bytes).build());
    }

    /** The server finished answering the oldest group. */
    private void answer() {
        Boolean logged = pending.pollFirst();
        if (logged != null && logged) {
            L7Message.Builder response = L7Message.response().capturedBytes(answerBytes);
            if (errorCode != null) {
                String name = PostgresqlSqlState.name(errorCode);
                response.responseStatus(PostgresqlSqlState.status(errorCode))
                        .responseResult(errorCode.isEmpty() ? null : errorCode)
                        .responseException(name != null ? name : errorMessage);
                if (errorMessage != null) response.attributes(Map.of("message", errorMessage));
            } else {
                response.responseStatus(ResponseStatus.OK);
                if (hasRows && rows != 0) response.sqlAffectedRows(rows);
            }
            out.emit(response.build());
        }
        resetAnswer();
    }

    private final class FrontendHandler implements PostgresqlFramer.Handler {
        @Override
        public void message(int tag, byte[] data, int from, int available, int bodyLength) {
            int end = from + available;
            long bytes = bodyLength + (tag == PostgresqlFramer.STARTUP ? 4L : 5L);
            switch (tag) {
                case PostgresqlFramer.STARTUP -> {
                    int code = available >= 4 ? PostgresqlWire.i32(data, from) : 0;
                    if (code == PostgresqlWire.PROTOCOL_3_0) {
                        push(false); // authentication ends with ReadyForQuery
                    } else if (code == PostgresqlWire.SSL_REQUEST || code == PostgresqlWire.GSSENC_REQUEST) {
                        server.expectEncryptionAnswer();
                    }
                }
                case 'Q' -> request("simple query", sql(data, from, end), bytes);
                case 'P' -> {
                    int z = PostgresqlWire.nul(data, from, end);
                    if (z < 0) break;
                    String name = PostgresqlWire.utf8(data, from, z);
                    String text = sql(data, z + 1, end);
                    statements.put(name, text);
                    if (!groupHasParse) {
                        groupHasParse = true;
                        groupParseSql = text;
                    }
                }
                case 'B' -> {
                    int z1 = PostgresqlWire.nul(data, from, end);
                    int z2 = z1 < 0 ? -1 : PostgresqlWire.nul(data, z1 + 1, end);
                    if (z2 >= 0) {
                        portals.put(PostgresqlWire.utf8(data, from, z1), PostgresqlWire.utf8(data, z1 + 1, z2));
                    }
                }
                case 'E' -> {
                    int z = PostgresqlWire.nul(data, from, end);
                    if (!groupHasExecute) {
                        groupHasExecute = true;
                        String statement = z < 0 ? null : portals.get(PostgresqlWire.utf8(data, from, z));
                        groupExecuteSql = statement == null ? null : statements.get(statement);
                    }
                }
                case 'C' -> {
                    int z = PostgresqlWire.nul(data, from + 1, end);
                    if (available >= 2 && z >= 0) {
                        String name = PostgresqlWire.utf8(data, from + 1, z);
                        if (data[from] == 'S') statements.remove(name);
                        else if (data[from] == 'P') portals.remove(name);
                    }
                }
                case 'S' -> {
                    groupBytes += bytes;
                    if (groupHasParse) {
                        request("parse", groupParseSql, groupBytes);
                    } else if (groupHasExecute) {
                        request("execute", groupExecuteSql, groupBytes);
                    } else {
                        push(false);
                    }
                    resetGroup();
                    return;
                }
                default -> {
                    // Describe, Flush, Terminate, function calls, COPY data, passwords: not logged.
                }
            }
            if (tag != 'Q' && tag != PostgresqlFramer.STARTUP) groupBytes += bytes;
        }

        @Override
        public void encryptionAnswer(int answer) {}
    }

    private final class BackendHandler implements PostgresqlFramer.Handler {
        @Override
        public void message(int tag, byte[] data, int from, int available, int bodyLength) {
            int end = from + available;
            answerBytes += bodyLength + 5L;
            switch (tag) {
                case 'C' -> {
                    long n = affectedRows(data, from, end);
                    if (n >= 0) {
                        rows += n;
                        hasRows = true;
                    }
                }
                case 'E' -> {
                    String severity = errorFields(data, from, end);
                    if ("FATAL".equals(severity) || "PANIC".equals(severity)) {
                        if (!pending.isEmpty()) answer(); // no ReadyForQuery follows
                    }
                }
                case 'Z' -> answer();
                default -> {
                    // RowDescription, DataRow, ParseComplete, notices, parameters...: not needed.
                }
            }
        }

        @Override
        public void encryptionAnswer(int answer) {
            if (answer == 'S' || answer == 'G') {
                client.goOpaque();
                server.goOpaque();
            }
        }
    }

    /** Reads S, V, C and M of an ErrorResponse; returns the severity. */
    private String errorFields(byte[] data, int from, int end) {
        String severity = null;
        String code = null;
        String message = null;
        int at = from;
        while (at < end && data[at] != 0) {
            int type = data[at];
            int z = PostgresqlWire.nul(data, at + 1, end);
            int stop = z < 0 ? end : z;
            switch (type) {
                case 'V' -> severity = PostgresqlWire.utf8(data, at + 1, stop);
                case 'S' -> {
                    if (severity == null) severity = PostgresqlWire.utf8(data, at + 1, stop);
                }
                case 'C' -> code = PostgresqlWire.utf8(data, at + 1, stop);
                case 'M' -> message = settings.truncate(PostgresqlWire.utf8(data, at + 1, stop));
                default -> {}
            }
            if (z < 0) break;
            at = z + 1;
        }
        if (errorCode == null) {
            errorCode = code != null ? code : "";
            errorMessage = message;
        }
        return severity;
    }

    /**
     * The rows of a CommandComplete tag: the last number of {@code INSERT oid rows}, {@code UPDATE
     * n}, {@code DELETE n}, {@code SELECT n}, {@code MERGE n}, {@code MOVE n}, {@code FETCH n},
     * {@code COPY n}; -1 for other commands.
     */
    static long affectedRows(byte[] data, int from, int end) {
        int z = PostgresqlWire.nul(data, from, end);
        int stop = z < 0 ? end : z;
        int space = -1;
        for (int i = from; i < stop; i++) {
            if (data[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0) return -1;
        String verb = PostgresqlWire.utf8(data, from, space);
        switch (verb) {
            case "INSERT", "UPDATE", "DELETE", "SELECT", "MERGE", "MOVE", "FETCH", "COPY" -> {}
            default -> {
                return -1;
            }
        }
        int last = stop;
        while (last > space + 1 && Character.isDigit(data[last - 1])) last--;
        if (last == stop || data[last - 1] != ' ' || stop - last > 18) return -1;
        long n = 0;
        for (int i = last; i < stop; i++) n = n * 10 + (data[i] - '0');
        return n;
    }
}
