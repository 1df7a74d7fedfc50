package io.wirespan.store;

/**
 * The few SQL expressions whose spelling differs between stores, so that the server's own
 * queries (the explorer, the RED dashboard, traces) are written once.
 */
public interface SqlDialect {
    /** The {@code q} quantile (0 to 1) of {@code expression} over a group. */
    String quantile(String expression, double q);

    /** True when {@code column} contains the next bound parameter, ignoring case. */
    String containsIgnoringCase(String column);

    /** {@code micros} rounded down to a multiple of {@code stepMicros}. */
    String bucket(String micros, long stepMicros);

    /** DuckDB's spelling. */
    SqlDialect DUCKDB = new SqlDialect() {
        @Override
        public String quantile(String expression, double q) {
            return "quantile_cont(" + expression + ", " + q + ")";
        }

        @Override
        public String containsIgnoringCase(String column) {
            return "contains(lower(" + column + "), lower(?))";
        }

        @Override
        public String bucket(String micros, long stepMicros) {
            return "(" + micros + " // " + stepMicros + ") * " + stepMicros;
        }
    };

    /** ClickHouse's spelling, from 18.16 on. */
    SqlDialect CLICKHOUSE = new SqlDialect() {
        @Override
        public String quantile(String expression, double q) {
            return "quantile(" + q + ")(" + expression + ")";
        }

        @Override
        public String containsIgnoringCase(String column) {
            return "positionCaseInsensitiveUTF8(" + column + ", ?) > 0";
        }

        @Override
        public String bucket(String micros, long stepMicros) {
            return "intDiv(" + micros + ", " + stepMicros + ") * " + stepMicros;
        }
    };
}
