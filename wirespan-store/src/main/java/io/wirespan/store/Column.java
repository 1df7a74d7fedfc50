package io.wirespan.store;

import java.util.function.Function;

/**
 * One column of a stored table: its name (call-log.md's key), its logical type, whether every row
 * has a value ({@code always}, call-log.md's "always"), and how a row's value is read. A value is
 * null when absent. Each store maps the logical type to its own SQL type.
 */
record Column<T>(String name, Type type, boolean always, Function<T, Object> value) {

    /** What a column holds: Java {@code String}, {@code Integer}, {@code Long}, {@code Boolean} or a string map. */
    enum Type { TEXT, INT, LONG, BOOL, STRING_MAP }
}
