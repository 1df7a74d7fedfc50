package io.wirespan.engine.protocol.sql;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary text through {@link SqlTokenizer} and {@link SqlMasker}. The tokens must cover the
 * text exactly, each at least one character long (so a pass ends); the masked text must be no
 * longer than the input, hold no literal (so masking it again returns it as is), and be the input
 * itself exactly when the input holds no literal. Plain {@code mvn test} replays the seeds in
 * {@code src/test/resources/io/wirespan/engine/protocol/sql/SqlFuzzTestInputs/tokenizesAndMasksAnyText/};
 * run with {@code JAZZER_FUZZ=1} to fuzz.
 */
class SqlFuzzTest {
    /** Input: one byte choosing the dialect (bit 0) and the decoding (bit 1: UTF-8, else Latin-1), then the text. */
    @FuzzTest(maxDuration = "30s")
    void tokenizesAndMasksAnyText(byte[] input) {
        if (input.length == 0) return;
        Dialect dialect = (input[0] & 1) == 0 ? Dialect.MYSQL : Dialect.POSTGRESQL;
        String sql = new String(input, 1, input.length - 1,
                (input[0] & 2) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);

        boolean hasLiteral = checkCoverage(sql, dialect);
        String masked = SqlMasker.mask(sql, dialect);
        if (masked.length() > sql.length()) throw new AssertionError("longer: " + show(sql) + " -> " + show(masked));
        if ((masked == sql) == hasLiteral) throw new AssertionError("instance: " + show(sql) + " -> " + show(masked));
        if (checkCoverage(masked, dialect)) throw new AssertionError("literal left: " + show(sql) + " -> " + show(masked));
        if (SqlMasker.mask(masked, dialect) != masked) throw new AssertionError("not idempotent: " + show(sql));
    }

    /** Checks that the tokens tile the text; returns whether one of them is a literal. */
    private static boolean checkCoverage(String sql, Dialect dialect) {
        SqlTokenizer tokens = new SqlTokenizer(sql, dialect);
        int at = 0;
        boolean literal = false;
        while (tokens.next()) {
            if (tokens.start() != at || tokens.end() <= at || tokens.end() > sql.length()) {
                throw new AssertionError("token [" + tokens.start() + ", " + tokens.end() + ") after " + at + " in " + show(sql));
            }
            at = tokens.end();
            literal |= tokens.kind().isLiteral();
        }
        if (at != sql.length()) throw new AssertionError("tokens end at " + at + " of " + sql.length() + " in " + show(sql));
        return literal;
    }

    private static String show(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\"", "\\\"") + "\"";
    }
}
