package io.wirespan.store;

import java.util.function.Function;

/**
 * One column of a stored table: its name (call-log.md's key), its SQL type and how a row's value
 * is read. A value is null when absent; strings, numbers, booleans and string maps are stored.
 */
record Column<T>(String name, String sqlType, Function<T, Object> value) {}
