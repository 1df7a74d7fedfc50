package io.wirespan.engine.protocol.kafka;

/**
 * What the decoder read of one frame: the header always, the body fields as far as the decode
 * window and the body's integrity allowed ({@code null} / -1 when not read).
 */
sealed interface KafkaMessage permits KafkaMessage.Request, KafkaMessage.Response {

    KafkaApiKey apiKey();

    int apiVersion();

    int correlationId();

    /** The frame's size field: the bytes after the 4-byte size. */
    int size();

    /**
     * @param topic the first topic's name (or id, as text, where the version names topics by id)
     * @param partition the first partition of that topic, -1 when none
     * @param offset the fetch offset (Fetch) or committed offset (OffsetCommit) of that partition, -1 when none
     * @param traceId from the trace headers of a Produce's first record (traceparent, sw8, ...), or null
     */
    record Request(KafkaApiKey apiKey, int apiVersion, int correlationId, int size, String clientId, String topic,
            int partition, long offset, String groupId, String traceId, String spanId, String parentSpanId)
            implements KafkaMessage {}

    /**
     * @param errorCode the API's error code, null when the body did not say (or was not inspected)
     * @param offset the base offset of a Produce response's first partition, -1 when none
     */
    record Response(KafkaApiKey apiKey, int apiVersion, int correlationId, int size, KafkaErrorCode errorCode,
            String topic, int partition, long offset) implements KafkaMessage {}
}
