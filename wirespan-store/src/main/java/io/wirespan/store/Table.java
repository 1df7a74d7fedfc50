package io.wirespan.store;

import java.util.List;

/** A stored table: its name and columns, from which each store makes its DDL and its rows. */
record Table<T>(String name, List<Column<T>> columns) {}
