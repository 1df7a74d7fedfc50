package io.wirespan.server;

import io.wirespan.store.CallLogStore;
import io.wirespan.store.ClickHouseServer;
import io.wirespan.store.ClickHouseStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The server's API over Debian's real clickhouse-server (18.16), one database per test. */
class ClickHouseServerTest extends ServerApiContract {
    @TempDir
    static Path serverDir;
    private static ClickHouseServer clickhouse;
    private static int databases;

    @BeforeAll
    static void startClickHouse() {
        clickhouse = ClickHouseServer.start(serverDir);
    }

    @AfterAll
    static void stopClickHouse() {
        clickhouse.close();
    }

    @Override
    CallLogStore openStore(Path dir) throws Exception {
        return ClickHouseStore.open(clickhouse.url("server_api_" + ++databases));
    }
}
