package io.wirespan.cli;

import io.wirespan.store.ClickHouseStore;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.StoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The stores the commands open, with the exit codes they mean: a file that is not a database and
 * a malformed URL are bad input; a server that cannot be reached or refuses the tables is a
 * runtime failure.
 */
final class Stores {
    private Stores() {}

    static DuckDbStore duckDb(Path file) throws BadInputException {
        try {
            return DuckDbStore.open(file);
        } catch (StoreException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static ClickHouseStore clickHouse(String url) throws BadInputException, StoreException {
        try {
            return ClickHouseStore.open(new URI(url));
        } catch (URISyntaxException e) {
            throw new BadInputException("--clickhouse: not a URL: " + e.getReason() + " at index " + e.getIndex());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--clickhouse: " + e.getMessage());
        }
    }
}
