package io.wirespan.store;

import java.util.List;
import java.util.stream.Collectors;

/** A stored table: its name and columns, from which its DDL and its rows are made. */
record Table<T>(String name, List<Column<T>> columns) {

    String createIfMissing() {
        return columns.stream().map(c -> c.name() + " " + c.sqlType())
                .collect(Collectors.joining(", ", "CREATE TABLE IF NOT EXISTS " + name + " (", ")"));
    }
}
