package io.wirespan.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse answered a statement with an error: its code (0 when the answer had none, e.g. from
 * a proxy) and its message, the first line of the answer without the code and version decorations.
 */
final class ClickHouseException extends Exception {
    static final int TIMEOUT_EXCEEDED = 159, UNKNOWN_USER = 192, WRONG_PASSWORD = 193, REQUIRED_PASSWORD = 194,
            TOO_MANY_SIMULTANEOUS_QUERIES = 202, AUTHENTICATION_FAILED = 516;

    // 18.16: "Code: 47, e.displayText() = DB::Exception: Unknown identifier: nope, e.what() = DB::Exception"
    // newer: "Code: 47. DB::Exception: Missing columns: 'nope' ... (UNKNOWN_IDENTIFIER) (version 24.3.1.1)"
    private static final Pattern CODE = Pattern.compile("^Code: (\\d+)[.,] (?:e\\.displayText\\(\\) = )?(?:DB::Exception: )?");
    private static final Pattern TAIL = Pattern.compile("(?:,? ?e\\.what\\(\\) = [\\w:]+| \\(version [^)]*\\))+$");

    private final int code;

    private ClickHouseException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The error of an answer with HTTP status {@code status} and this body. */
    static ClickHouseException of(int status, String body) {
        String line = body.strip().lines().findFirst().orElse("").strip();
        Matcher code = CODE.matcher(line);
        if (!code.find()) return new ClickHouseException(0, "HTTP " + status + (line.isEmpty() ? "" : ": " + line));
        String message = TAIL.matcher(line.substring(code.end())).replaceFirst("").strip();
        return new ClickHouseException(Integer.parseInt(code.group(1)), message);
    }

    int code() {
        return code;
    }

    /** Whether the server refused the user rather than the statement. */
    boolean isLogin() {
        return code == UNKNOWN_USER || code == WRONG_PASSWORD || code == REQUIRED_PASSWORD || code == AUTHENTICATION_FAILED;
    }
}
