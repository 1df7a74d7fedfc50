package io.wirespan.engine.protocol.mqtt;

/**
 * The MQTT fixed header (MQTT 3.1.1 §2.2, MQTT 5.0 §2.1): control packet type in the high nibble
 * of the first byte, type-specific flags in the low nibble, then the remaining length as a
 * variable byte integer of 1 to 4 bytes (§2.2.3 / §1.5.5).
 */
final class MqttWire {
    static final int CONNECT = 1, CONNACK = 2, PUBLISH = 3, PUBACK = 4, PUBREC = 5, PUBREL = 6, PUBCOMP = 7,
            SUBSCRIBE = 8, SUBACK = 9, UNSUBSCRIBE = 10, UNSUBACK = 11, PINGREQ = 12, PINGRESP = 13,
            DISCONNECT = 14, AUTH = 15;

    /** {@link #varInt} results: more bytes are needed, or a fifth byte would follow. */
    static final long NEED_MORE = -1, MALFORMED = -2;

    private static final String[] NAMES = {null, "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
            "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    private MqttWire() {}

    static String name(int type) {
        return NAMES[type & 0xF];
    }

    /**
     * Whether a byte can open a control packet: a known type with the flags the spec fixes
     * (§2.2.2: PUBREL, SUBSCRIBE and UNSUBSCRIBE carry 0b0010, PUBLISH any flags but QoS 3, the
     * others 0).
     */
    static boolean validFirstByte(int b) {
        int type = (b >>> 4) & 0xF, flags = b & 0xF;
        return switch (type) {
            case 0 -> false;
            case PUBLISH -> ((flags >>> 1) & 3) != 3;
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> flags == 2;
            default -> flags == 0;
        };
    }

    /**
     * A variable byte integer at {@code data[at..end)}: {@code (bytes << 32) | value}, or
     * {@link #NEED_MORE}, or {@link #MALFORMED} when it runs past 4 bytes.
     */
    static long varInt(byte[] data, int at, int end) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (at + i >= end) return NEED_MORE;
            int b = data[at + i] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) return ((long) (i + 1) << 32) | value;
        }
        return MALFORMED;
    }

    static int varIntBytes(long packed) {
        return (int) (packed >>> 32);
    }

    static int varIntValue(long packed) {
        return (int) packed;
    }

    static int u16(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    /** A topic name is at least one character with no NUL and no wildcard (§4.7.1, §4.7.3); ASCII controls are refused too. */
    static boolean plausibleTopic(byte[] data, int at, int length, boolean filter) {
        if (length < 1) return false;
        for (int i = at; i < at + length; i++) {
            int c = data[i] & 0xFF;
            if (c < 0x20 || c == 0x7F) return false;
            if (!filter && (c == '+' || c == '#')) return false;
        }
        return true;
    }

    /** {@link #plausible} answers. */
    static final int NO = 0, YES = 1, MORE = 2;

    /**
     * Whether a fixed header and the body bytes at hand look like a real packet, strictly (used by
     * {@code check} and to resynchronise, never to parse): lengths that fit the type, non-zero
     * packet identifiers (§2.3.1), a plausible first topic. {@link #MORE} when the bytes that
     * decide it are not all at hand. {@code allowV5} admits MQTT 5's longer acknowledgements.
     */
    static int plausible(int first, int remaining, byte[] data, int from, int end, boolean allowV5) {
        int type = (first >>> 4) & 0xF;
        int available = end - from;
        switch (type) {
            case CONNECT -> {
                if (remaining < 10) return NO;
                if (available < 2) return MORE;
                int nameLength = u16(data, from);
                if (nameLength == 4 && available < 7) return MORE;
                if (nameLength == 4) return isAscii(data, from + 2, "MQTT") && (data[from + 6] == 4 || data[from + 6] == 5) ? YES : NO;
                if (nameLength != 6) return NO;
                if (available < 9) return MORE;
                return isAscii(data, from + 2, "MQIsdp") && data[from + 8] == 3 ? YES : NO;
            }
            case CONNACK -> {
                if (remaining != 2 && !(allowV5 && remaining > 2)) return NO;
                if (available < 2) return MORE;
                int code = data[from + 1] & 0xFF;
                return (data[from] & 0xFE) == 0 && (code <= 5 || (allowV5 && code >= 0x80)) ? YES : NO;
            }
            case PUBLISH -> {
                int idBytes = (first & 6) != 0 ? 2 : 0;
                if (remaining < 3 + idBytes) return NO;
                if (available < 2) return MORE;
                int topicLength = u16(data, from);
                if (topicLength < 1 || 2 + topicLength + idBytes > remaining) return NO;
                if (available < 2 + topicLength + idBytes) return MORE;
                if (idBytes > 0 && u16(data, from + 2 + topicLength) == 0) return NO;
                return plausibleTopic(data, from + 2, topicLength, false) ? YES : NO;
            }
            case PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK -> {
                if (remaining != 2 && !(allowV5 && remaining > 2 && remaining < 64)) return NO;
                if (available < 2) return MORE;
                return u16(data, from) != 0 ? YES : NO;
            }
            case SUBSCRIBE, UNSUBSCRIBE -> {
                if (remaining < 5) return NO;
                if (available < 5) return MORE;
                if (u16(data, from) == 0) return NO;
                int at = from + 2;
                int filterLength = u16(data, at);
                if (filterLength == 0 || (allowV5 && filterLength > remaining)) {
                    // MQTT 5: a property length (usually 0) comes first
                    long props = varInt(data, at, end);
                    if (!allowV5 || props < 0) return props == NEED_MORE && allowV5 ? MORE : NO;
                    at += varIntBytes(props) + varIntValue(props);
                    if (at + 2 > end) return at - from + 3 > remaining ? NO : MORE;
                    filterLength = u16(data, at);
                }
                if (filterLength < 1 || at - from + 2 + filterLength > remaining) return NO;
                if (at + 2 + filterLength > end) return MORE;
                return plausibleTopic(data, at + 2, filterLength, true) ? YES : NO;
            }
            case SUBACK -> {
                if (remaining < 3) return NO;
                if (available < 3) return MORE;
                if (u16(data, from) == 0) return NO;
                if (allowV5) return YES;
                for (int i = from + 2; i < Math.min(end, from + remaining); i++) {
                    int code = data[i] & 0xFF;
                    if (code > 2 && code != 0x80) return NO;
                }
                return YES;
            }
            case PINGREQ, PINGRESP -> {
                return remaining == 0 ? YES : NO;
            }
            case DISCONNECT, AUTH -> {
                return remaining == 0 || (allowV5 && remaining < 64) ? YES : NO;
            }
            default -> {
                return NO;
            }
        }
    }

    private static boolean isAscii(byte[] data, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (data[at + i] != text.charAt(i)) return false;
        }
        return true;
    }
}
