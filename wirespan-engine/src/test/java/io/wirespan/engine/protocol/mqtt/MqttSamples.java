package io.wirespan.engine.protocol.mqtt;

import io.wirespan.engine.testing.Hex;
import java.io.ByteArrayOutputStream;

/** Hand-built MQTT packets, one field per commented hex line. */
final class MqttSamples {
    private MqttSamples() {}

    static final byte[] CONNECT_V4 = Hex.bytes("""
            10 0e             # CONNECT, remaining length 14
            00 04 4d 51 54 54 # protocol name "MQTT"
            04                # level 4 (3.1.1)
            02                # flags: clean session
            00 3c             # keep alive 60 s
            00 02 63 31       # client id "c1"
            """);
    static final byte[] CONNECT_V3 = Hex.bytes("""
            10 10                   # CONNECT, remaining length 16
            00 06 4d 51 49 73 64 70 # protocol name "MQIsdp"
            03 02 00 3c             # level 3, flags, keep alive
            00 02 63 33             # client id "c3"
            """);
    static final byte[] CONNECT_V5 = Hex.bytes("""
            10 12             # CONNECT, remaining length 18
            00 04 4d 51 54 54 # "MQTT"
            05 02 00 3c       # level 5, flags, keep alive
            03 21 00 0a       # properties (3 bytes): receive maximum 10
            00 02 63 35       # client id "c5"
            """);
    static final byte[] CONNACK_OK = Hex.bytes("20 02 00 00");
    static final byte[] CONNACK_BAD_PASSWORD = Hex.bytes("20 02 00 04");
    static final byte[] CONNACK_UNAVAILABLE = Hex.bytes("20 02 00 03");
    static final byte[] SUBSCRIBE = Hex.bytes("""
            82 0e             # SUBSCRIBE, flags 0010, remaining 14
            00 01             # packet id 1
            00 03 61 2f 62 01 # "a/b" QoS 1
            00 03 63 2f 23 00 # "c/#" QoS 0
            """);
    static final byte[] SUBACK = Hex.bytes("90 04 00 01 01 00");
    static final byte[] SUBACK_REFUSED = Hex.bytes("90 04 00 01 01 80");
    static final byte[] PUBLISH_QOS1 = Hex.bytes("""
            32 09       # PUBLISH QoS 1, remaining 9
            00 03 61 2f 62 # topic "a/b"
            00 02       # packet id 2
            68 69       # "hi"
            """);
    static final byte[] PUBACK_2 = Hex.bytes("40 02 00 02");
    static final byte[] PUBLISH_QOS2 = Hex.bytes("34 09 00 03 61 2f 62 00 03 68 69");
    static final byte[] PUBREC_3 = Hex.bytes("50 02 00 03");
    static final byte[] PUBREL_3 = Hex.bytes("62 02 00 03");
    static final byte[] PUBCOMP_3 = Hex.bytes("70 02 00 03");
    static final byte[] PUBLISH_QOS0 = Hex.bytes("30 07 00 03 61 2f 62 79 6f"); // "a/b" "yo"
    static final byte[] SERVER_PUBLISH_QOS1 = Hex.bytes("32 09 00 03 61 2f 62 00 01 68 69"); // packet id 1
    static final byte[] PUBACK_1 = Hex.bytes("40 02 00 01");
    static final byte[] UNSUBSCRIBE = Hex.bytes("a2 07 00 04 00 03 61 2f 62");
    static final byte[] UNSUBACK = Hex.bytes("b0 02 00 04");
    static final byte[] PINGREQ = Hex.bytes("c0 00");
    static final byte[] PINGRESP = Hex.bytes("d0 00");
    static final byte[] DISCONNECT = Hex.bytes("e0 00");

    static final byte[] V5_CONNACK_NOT_AUTHORIZED = Hex.bytes("20 03 00 87 00");
    static final byte[] V5_CONNACK_OK = Hex.bytes("20 03 00 00 00");
    static final byte[] V5_PUBLISH_QOS1 = Hex.bytes("""
            32 0a          # PUBLISH QoS 1, remaining 10
            00 01 74       # topic "t"
            00 05          # packet id 5
            02 01 01       # properties: payload format indicator 1
            78 79          # "xy"
            """);
    static final byte[] V5_PUBACK_QUOTA = Hex.bytes("40 04 00 05 97 00"); // quota exceeded, no properties
    static final byte[] V5_SUBSCRIBE = Hex.bytes("82 07 00 06 00 00 01 74 01"); // id 6, no properties, "t"
    static final byte[] V5_SUBACK_REFUSED = Hex.bytes("90 04 00 06 00 87");
    static final byte[] V5_DISCONNECT_BUSY = Hex.bytes("e0 02 89 00");
    static final byte[] V5_AUTH = Hex.bytes("f0 02 18 00"); // continue authentication

    /** A QoS 0 PUBLISH of {@code payload} zero bytes on {@code topic}. */
    static byte[] bigPublish(String topic, int payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        int remaining = 2 + topic.length() + payload;
        do {
            int b = remaining & 0x7F;
            remaining >>>= 7;
            out.write(remaining > 0 ? b | 0x80 : b);
        } while (remaining > 0);
        out.write(topic.length() >>> 8);
        out.write(topic.length());
        out.writeBytes(topic.getBytes());
        out.writeBytes(new byte[payload]);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
