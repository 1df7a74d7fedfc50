package io.wirespan.engine.protocol.postgresql;

/** What a PostgreSQL parser counts ({@code PostgreSQL.<name in snake_case>}): messages framed, and what was skipped or forgotten. */
enum PostgresqlCounter {
    /** Messages framed, both directions, logged or not. */
    MESSAGES,
    /** Bytes skipped while resynchronising. */
    RESYNC_SKIPPED_BYTES,
    /** Groups forgotten because {@link PostgresqlParser#MAX_PENDING} were already waiting for their answer. */
    PENDING_OVERFLOWS
}
