package io.wirespan.engine.protocol.mqtt;

import static io.wirespan.engine.protocol.mqtt.MqttWire.*;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the variable header and the payload's head of one control packet, MQTT 3.1.1 §3 and
 * MQTT 5.0 §3 (v5 adds a property block after the variable header, skipped by its length,
 * §2.2.2). The bytes may stop before the packet does (a long PUBLISH payload is never held):
 * what lies beyond them is simply not read. Answers {@code null} for a packet that contradicts
 * its own lengths.
 */
final class MqttDecoder {
    private final int maxChars;

    MqttDecoder(int maxChars) {
        this.maxChars = Math.max(1, maxChars);
    }

    /**
     * @param first the fixed header's first byte
     * @param remaining the remaining length from the fixed header
     * @param from start of the variable header; {@code to - from <= remaining}
     * @param v5 whether the flow speaks MQTT 5 (its CONNECT said so)
     */
    MqttPacket decode(int first, int remaining, byte[] data, int from, int to, boolean v5) {
        int type = (first >>> 4) & 0xF;
        int available = to - from;
        return switch (type) {
            case CONNECT -> connect(data, from, to);
            case CONNACK -> available < 2 ? null : new MqttPacket.ConnAck((data[from] & 1) != 0, data[from + 1] & 0xFF);
            case PUBLISH -> publish(first, remaining, data, from, to, v5);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> ack(type, remaining, data, from, to, v5);
            case SUBSCRIBE -> topics(true, data, from, to, v5);
            case UNSUBSCRIBE -> topics(false, data, from, to, v5);
            case SUBACK, UNSUBACK -> subAck(type, remaining, data, from, to, v5);
            case PINGREQ -> remaining == 0 ? new MqttPacket.PingReq() : null;
            case PINGRESP -> remaining == 0 ? new MqttPacket.PingResp() : null;
            case DISCONNECT -> remaining == 0 ? new MqttPacket.Disconnect(-1)
                    : v5 ? new MqttPacket.Disconnect(data[from] & 0xFF) : null;
            case AUTH -> remaining == 0 ? new MqttPacket.Auth(0) : new MqttPacket.Auth(data[from] & 0xFF);
            default -> null;
        };
    }

    /** §3.1.2: protocol name, level, flags, keep alive, (v5 properties), then the client identifier (§3.1.3.1). */
    private MqttPacket connect(byte[] data, int from, int to) {
        if (to - from < 2) return null;
        int nameLength = u16(data, from);
        int at = from + 2 + nameLength;
        if (at + 4 > to) return null;
        int level = data[at] & 0xFF;
        at += 4; // level, connect flags, keep alive
        if (level == 5) {
            long props = varInt(data, at, to);
            if (props < 0) return null;
            at += varIntBytes(props) + varIntValue(props);
        }
        if (at + 2 > to) return new MqttPacket.Connect(level, null);
        int idLength = u16(data, at);
        String id = text(data, at + 2, Math.min(idLength, to - at - 2));
        return new MqttPacket.Connect(level, id);
    }

    /** §3.3.2: topic name, packet identifier when QoS &gt; 0, (v5 properties); the rest is the message. */
    private MqttPacket publish(int first, int remaining, byte[] data, int from, int to, boolean v5) {
        int qos = (first >>> 1) & 3;
        if (to - from < 2) return null;
        int topicLength = u16(data, from);
        int at = from + 2 + topicLength;
        int packetId = 0;
        if (qos > 0) {
            if (at + 2 > to) return null;
            packetId = u16(data, at);
            if (packetId == 0) return null; // §2.3.1: non-zero
            at += 2;
        } else if (at > to) {
            return null;
        }
        if (v5) {
            long props = varInt(data, at, to);
            if (props >= 0) at += varIntBytes(props) + varIntValue(props);
        }
        int payload = Math.max(0, remaining - (at - from));
        return new MqttPacket.Publish(qos, (first & 8) != 0, (first & 1) != 0, packetId,
                text(data, from + 2, topicLength), payload);
    }

    /** §3.4–3.7: packet identifier, then (v5) a reason code when the remaining length exceeds 2. */
    private static MqttPacket ack(int type, int remaining, byte[] data, int from, int to, boolean v5) {
        if (to - from < 2) return null;
        int packetId = u16(data, from);
        if (packetId == 0) return null;
        int reason = remaining > 2 && to - from > 2 ? data[from + 2] & 0xFF : -1;
        return switch (type) {
            case PUBACK -> new MqttPacket.PubAck(packetId, reason);
            case PUBREC -> new MqttPacket.PubRec(packetId, reason);
            case PUBREL -> new MqttPacket.PubRel(packetId, reason);
            default -> new MqttPacket.PubComp(packetId, reason);
        };
    }

    /** §3.8.3 / §3.10.3: the topic filters that lie wholly in the bytes at hand, joined by commas. */
    private MqttPacket topics(boolean subscribe, byte[] data, int from, int to, boolean v5) {
        if (to - from < 2) return null;
        int packetId = u16(data, from);
        if (packetId == 0) return null;
        int at = from + 2;
        if (v5) {
            long props = varInt(data, at, to);
            if (props < 0) return null;
            at += varIntBytes(props) + varIntValue(props);
        }
        StringBuilder joined = new StringBuilder();
        while (at + 2 <= to && joined.length() < maxChars) {
            int length = u16(data, at);
            if (at + 2 + length > to) break;
            if (!joined.isEmpty()) joined.append(',');
            joined.append(new String(data, at + 2, length, StandardCharsets.UTF_8));
            at += 2 + length + (subscribe ? 1 : 0); // subscription options follow each SUBSCRIBE filter
        }
        String topics = joined.length() > maxChars ? joined.substring(0, maxChars) : joined.toString();
        return subscribe ? new MqttPacket.Subscribe(packetId, topics) : new MqttPacket.Unsubscribe(packetId, topics);
    }

    /** §3.9.3 / §3.11.3 (v5): one return or reason code per filter; 0x80 and above are failures. */
    private static MqttPacket subAck(int type, int remaining, byte[] data, int from, int to, boolean v5) {
        if (to - from < 2) return null;
        int packetId = u16(data, from);
        if (packetId == 0) return null;
        int at = from + 2;
        if (v5 && remaining > 2) {
            long props = varInt(data, at, to);
            if (props < 0) return null;
            at += varIntBytes(props) + varIntValue(props);
        }
        int failure = -1;
        for (; at < to && failure < 0; at++) {
            int code = data[at] & 0xFF;
            if (code >= 0x80) failure = code;
        }
        if (type == SUBACK) return new MqttPacket.SubAck(packetId, failure);
        return new MqttPacket.UnsubAck(packetId, failure);
    }

    /** UTF-8 text (§1.5.4), cut to the call log's limit; the length is clipped to the bytes at hand by the caller. */
    private String text(byte[] data, int at, int length) {
        if (length <= 0) return "";
        String s = new String(data, at, Math.min(length, maxChars * 4), StandardCharsets.UTF_8);
        return s.length() > maxChars ? s.substring(0, maxChars) : s;
    }
}
