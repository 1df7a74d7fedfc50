package io.wirespan.store;

import java.util.List;

/**
 * A stored table: its name, the column that says when a row happened (expiry, and partitions
 * where a store has them, go by it) and the columns, from which each store makes its DDL and rows.
 */
record Table<T>(String name, String timeColumn, List<Column<T>> columns) {}
