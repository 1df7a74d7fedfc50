package io.wirespan.engine.protocol.mqtt;

/** What an MQTT parser counts ({@code MQTT.<name in snake_case>}): packets read, and what could not be read. */
enum MqttCounter {
    /** Packets decoded and mapped to messages. */
    PACKETS,
    /** Packets whose fields contradict their remaining length: dropped, and the framer hunts. */
    MALFORMED_PACKETS,
    /** An invalid first byte or remaining length where a packet should start. */
    BAD_HEADERS,
    /** Bytes skipped while hunting for a packet start. */
    RESYNC_SKIPPED_BYTES
}
