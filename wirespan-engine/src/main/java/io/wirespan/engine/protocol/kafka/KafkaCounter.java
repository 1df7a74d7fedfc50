package io.wirespan.engine.protocol.kafka;

/** What a Kafka parser counts ({@code Kafka.<name in snake_case>}): frames read, and what it skipped or dropped. */
enum KafkaCounter {
    /** Requests and responses decoded and emitted. */
    MESSAGES,
    /** Bytes skipped while looking for a frame start. */
    RESYNC_SKIPPED_BYTES,
    /** Responses dropped because no request was waiting with their correlation id. */
    UNMATCHED_RESPONSES,
    /** Waiting requests forgotten to keep the per-flow bound; their responses go unmatched. */
    EVICTED_REQUESTS
}
