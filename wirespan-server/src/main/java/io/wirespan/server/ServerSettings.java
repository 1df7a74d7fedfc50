package io.wirespan.server;

import io.wirespan.server.registry.Registry;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.Retention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a server serves and how.
 *
 * @param journal the directory of the ingest journal: batches acknowledged and not yet stored
 * @param registry the plugin registry and agent-group configuration
 * @param token what write endpoints require as {@code Authorization: Bearer <token>}
 * @param queryLimits the most a query may return and run for
 * @param retention how long rows are kept, or null to keep everything (the demo's old samples)
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 */
public record ServerSettings(CallLogStore store, Path journal, Registry registry, String token, QueryLimits queryLimits, Retention retention, String host, int port) {
    /** DeepFlow's querier port. */
    public static final int DEFAULT_PORT = 20416;
    public static final QueryLimits DEFAULT_QUERY_LIMITS = new QueryLimits(10_000, Duration.ofSeconds(30));

    public ServerSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(queryLimits, "queryLimits");
        Objects.requireNonNull(host, "host");
        if (token == null || token.isBlank()) throw new IllegalArgumentException("a server needs a token for its write endpoints");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is out of range");
    }
}
