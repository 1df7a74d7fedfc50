package io.wirespan.engine.protocol.mqtt;

/**
 * One decoded MQTT control packet (MQTT 3.1.1 §3, MQTT 5.0 §3): only what reaches a call log.
 * {@code reasonCode} is -1 where the packet carries none (MQTT 3.1.1 acknowledgements).
 */
sealed interface MqttPacket {

    /** §3.1: protocol level 3 (3.1), 4 (3.1.1) or 5; the client identifier opens the payload. */
    record Connect(int level, String clientId) implements MqttPacket {}

    /** §3.2: the return code (3.1.1) or reason code (5). */
    record ConnAck(boolean sessionPresent, int code) implements MqttPacket {}

    /** §3.3: packetId is 0 for QoS 0; payloadLength counts the application message. */
    record Publish(int qos, boolean dup, boolean retain, int packetId, String topic, int payloadLength)
            implements MqttPacket {}

    record PubAck(int packetId, int reasonCode) implements MqttPacket {}

    record PubRec(int packetId, int reasonCode) implements MqttPacket {}

    record PubRel(int packetId, int reasonCode) implements MqttPacket {}

    record PubComp(int packetId, int reasonCode) implements MqttPacket {}

    /** §3.8: the topic filters joined by commas, as DeepFlow reports them. */
    record Subscribe(int packetId, String topics) implements MqttPacket {}

    /** §3.9: the first failure code (≥ 0x80), or -1 when every subscription was granted. */
    record SubAck(int packetId, int failure) implements MqttPacket {}

    record Unsubscribe(int packetId, String topics) implements MqttPacket {}

    /** §3.11: the first failure reason code (MQTT 5), or -1. */
    record UnsubAck(int packetId, int failure) implements MqttPacket {}

    record PingReq() implements MqttPacket {}

    record PingResp() implements MqttPacket {}

    record Disconnect(int reasonCode) implements MqttPacket {}

    /** MQTT 5.0 §3.15. */
    record Auth(int reasonCode) implements MqttPacket {}
}
