package io.wirespan.server;

import io.wirespan.store.CallLogStore;
import io.wirespan.store.DuckDbStore;
import java.nio.file.Path;

class DuckDbServerTest extends ServerApiContract {
    @Override
    CallLogStore openStore(Path dir) throws Exception {
        return DuckDbStore.open(dir.resolve("server.duckdb"));
    }
}
