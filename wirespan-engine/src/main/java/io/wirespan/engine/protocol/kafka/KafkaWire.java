package io.wirespan.engine.protocol.kafka;

/**
 * Frame-level facts of the Kafka wire format: every message is a 4-byte big-endian size, then
 * that many bytes. A request starts {@code api_key int16, api_version int16, correlation_id int32,
 * client_id nullable int16 string}; a response starts with the correlation id.
 */
final class KafkaWire {
    static final int PREFIX = 4;
    /** api key, version, correlation id, client id length. */
    static final int REQUEST_HEADER_MIN = 10;
    /** The correlation id. */
    static final int RESPONSE_HEADER_MIN = 4;
    /** A request seen first on a flow (check, resync) is below this; Kafka's default socket.request.max.bytes is 100 MiB. */
    static final int CHECK_MAX_SIZE = 16 << 20;
    /** The largest frame followed once in step. */
    static final int MAX_SIZE = 1 << 30;
    /** A request's client id longer than this is not believed while hunting. */
    static final int MAX_CLIENT_ID = 1024;

    private KafkaWire() {}

    /**
     * Whether {@code b[at..end)} starts a plausible request: the size, an api key and version a
     * client may send ({@link KafkaApiKey#plausible}), a non-negative correlation id and a client id
     * that fits the frame. {@code strict} (check, resync) wants a known api key, bounds the size by
     * {@link #CHECK_MAX_SIZE} and wants a non-empty client id whose visible part is printable ASCII
     * (a run of zeros in a record batch would otherwise pass for a Produce v0 header); in step, a
     * key newer than the table passes. Needs {@code PREFIX + REQUEST_HEADER_MIN} bytes.
     */
    static boolean isRequestStart(byte[] b, int at, int end, boolean strict) {
        if (end - at < PREFIX + REQUEST_HEADER_MIN) return false;
        int size = KafkaReader.i32(b, at);
        if (size < REQUEST_HEADER_MIN || size > (strict ? CHECK_MAX_SIZE : MAX_SIZE)) return false;
        KafkaApiKey key = KafkaApiKey.valueOf(KafkaReader.i16(b, at + 4));
        if (!key.plausible(KafkaReader.i16(b, at + 6), !strict)) return false;
        if (KafkaReader.i32(b, at + 8) < 0) return false;
        int clientIdLength = KafkaReader.i16(b, at + 12);
        if (clientIdLength < -1 || clientIdLength > size - REQUEST_HEADER_MIN) return false;
        if (!strict) return true;
        if (clientIdLength < 1 || clientIdLength > MAX_CLIENT_ID) return false; // DeepFlow too wants a client id
        int from = at + PREFIX + REQUEST_HEADER_MIN;
        int to = Math.min(end, from + Math.max(clientIdLength, 0));
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 || c > 0x7E) return false;
        }
        return true;
    }
}
