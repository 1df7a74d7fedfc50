package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.wirespan.api.CallLog;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL, PostgreSQL, Redis, MongoDB and Memcached, after the database client span conventions.
 * The operation is the SQL statement's first word, MongoDB's command name, or the command for the
 * others; the collection is the table of the endpoint ({@code SELECT orders}) or MongoDB's command
 * value. The name is {@code operation collection}, as the conventions' {@code {operation} {target}}.
 */
record DbCall(CallLog log, String system, String operation, String collection) implements Semantics {
    /** A MongoDB command document as the call log writes it: {@code {"find": "orders", ...}}. */
    private static final Pattern MONGO_COMMAND = Pattern.compile("^\\s*\\{\\s*\"([^\"]+)\"\\s*:\\s*(?:\"([^\"]*)\")?");

    static DbCall of(CallLog log, String system) {
        String operation = log.requestType(), collection = null;
        switch (system) {
            case "mysql", "postgresql" -> {
                String verb = firstWord(log.requestResource());
                if (verb != null) operation = verb; // COM_QUERY and "simple query" say less than the statement
                String endpoint = log.endpoint(); // "SELECT orders", DeepFlow's endpoint for SQL
                int space = endpoint == null ? -1 : endpoint.indexOf(' ');
                if (space > 0 && space < endpoint.length() - 1) collection = endpoint.substring(space + 1);
            }
            case "mongodb" -> {
                Matcher m = log.requestResource() == null ? null : MONGO_COMMAND.matcher(log.requestResource());
                if (m != null && m.find()) {
                    operation = m.group(1);
                    collection = m.group(2);
                }
            }
            default -> { } // Redis, Memcached: the command is the operation
        }
        return new DbCall(log, system, operation, collection);
    }

    @Override
    public SpanKind kind() {
        return SpanKind.CLIENT;
    }

    @Override
    public String spanName() {
        String name = Semantics.joined(operation, collection);
        return name != null ? name : system;
    }

    @Override
    public void addTo(AttributesBuilder a) {
        a.put("db.system.name", system);
        a.put("db.operation.name", operation);
        a.put("db.collection.name", collection);
        a.put("db.query.text", log.requestResource());
        a.put("db.response.status_code", statusCode());
    }

    /** The error code: PostgreSQL's SQLSTATE (kept as the result, it is not a number), else the numeric code. */
    private String statusCode() {
        if (system.equals("postgresql")) return log.responseStatus().isError() ? log.responseResult() : null;
        return log.responseCode() == null ? null : log.responseCode().toString();
    }

    /** The first word of a statement, upper case; null when it does not start with one. */
    private static String firstWord(String sql) {
        if (sql == null) return null;
        int i = 0, n = sql.length();
        while (i < n && (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(')) i++;
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) i++;
        return i == start ? null : sql.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
