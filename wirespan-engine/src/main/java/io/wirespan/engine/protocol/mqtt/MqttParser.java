package io.wirespan.engine.protocol.mqtt;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserCounters;

/**
 * One MQTT flow: a {@link MqttFramer} per direction, the protocol level its CONNECT announced
 * (MQTT 5 adds property blocks), and the mapping of each packet to an {@link L7Message}.
 *
 * <p>Roles follow DeepFlow: CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, PUBREL and PUBLISH with
 * QoS &gt; 0 are requests; CONNACK, SUBACK, UNSUBACK, PINGRESP and the PUBLISH acknowledgements
 * are responses; DISCONNECT and AUTH are sessions. A QoS 0 PUBLISH is a response that pairs with
 * nothing (session id 0, which no request carries: packet identifiers are non-zero, §2.3.1).
 * Packets with an identifier pair by it; the two sides number their own packets independently, so
 * an exchange the server starts gets {@code 0x10000 | id}. CONNECT and PINGREQ pair in order.
 */
final class MqttParser implements L7Parser, MqttFramer.Handler {
    private static final long SERVER_INITIATED = 0x10000;
    private static final Long NEVER_PAIRED = 0L;

    private final ParserCounters<MqttCounter> counters;
    private final MqttFramer[] framers;
    private MqttDecoder decoder;
    private int level; // 0 until a CONNECT names 3, 4 or 5
    private String version;

    // The call being served, for the framer's callback.
    private Direction direction;
    private MessageSink out;

    MqttParser(ParseContext context) {
        this.counters = new ParserCounters<>(MqttCounter.values(), context);
        this.framers = new MqttFramer[] {new MqttFramer(counters), new MqttFramer(counters)};
    }

    ParserCounters<MqttCounter> counters() {
        return counters;
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (decoder == null) decoder = new MqttDecoder(context.settings().payloadTruncation());
        this.direction = direction;
        this.out = out;
        try {
            return framers[direction.ordinal()].frame(data, offset, length, level != 3 && level != 4, this);
        } finally {
            this.out = null;
        }
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        framers[direction.ordinal()].gap(missingBytes);
    }

    /** The flow's protocol level (3, 4, 5), or 0 while no CONNECT was seen. */
    int level() {
        return level;
    }

    @Override
    public boolean packet(int first, int remaining, byte[] data, int from, int to, int wireBytes) {
        MqttPacket packet = decoder.decode(first, remaining, data, from, to, level == 5);
        if (packet == null) {
            counters.increment(MqttCounter.MALFORMED_PACKETS);
            return false;
        }
        counters.increment(MqttCounter.PACKETS);
        boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
        long length = remaining;
        L7Message message = switch (packet) {
            case MqttPacket.Connect c -> {
                if (c.level() >= 3 && c.level() <= 5) {
                    level = c.level();
                    version = c.level() == 3 ? "3.1" : c.level() == 4 ? "3.1.1" : "5";
                }
                yield L7Message.request().requestType("CONNECT").requestDomain(c.clientId()).requestLength(length)
                        .version(version).capturedBytes(wireBytes).build();
            }
            case MqttPacket.ConnAck a -> L7Message.response().requestType("CONNACK").responseCode(a.code())
                    .responseStatus(connAckStatus(a.code())).responseLength(length)
                    .version(version).capturedBytes(wireBytes).build();
            case MqttPacket.Publish p when p.qos() == 0 -> L7Message.response().sessionId(NEVER_PAIRED)
                    .requestType("PUBLISH").requestResource(p.topic()).endpoint(p.topic())
                    .responseStatus(ResponseStatus.OK).responseLength(length)
                    .version(version).capturedBytes(wireBytes).build();
            case MqttPacket.Publish p -> request("PUBLISH", p.packetId(), fromClient, length, wireBytes)
                    .requestResource(p.topic()).endpoint(p.topic()).build();
            case MqttPacket.PubAck a -> ack("PUBACK", a.packetId(), a.reasonCode(), fromClient, length, wireBytes);
            case MqttPacket.PubRec a -> ack("PUBREC", a.packetId(), a.reasonCode(), fromClient, length, wireBytes);
            case MqttPacket.PubComp a -> ack("PUBCOMP", a.packetId(), a.reasonCode(), fromClient, length, wireBytes);
            case MqttPacket.PubRel r -> request("PUBREL", r.packetId(), fromClient, length, wireBytes).build();
            case MqttPacket.Subscribe s -> request("SUBSCRIBE", s.packetId(), fromClient, length, wireBytes)
                    .requestResource(nonEmpty(s.topics())).endpoint(nonEmpty(s.topics())).build();
            case MqttPacket.Unsubscribe u -> request("UNSUBSCRIBE", u.packetId(), fromClient, length, wireBytes)
                    .requestResource(nonEmpty(u.topics())).endpoint(nonEmpty(u.topics())).build();
            // 3.1.1 §3.9.3: 0x80 is the only failure code, a refused subscription (not MQTT 5's "unspecified error")
            case MqttPacket.SubAck a when level != 5 && a.failure() >= 0 -> L7Message.response()
                    .sessionId(fromClient ? SERVER_INITIATED | a.packetId() : a.packetId()).requestType("SUBACK")
                    .responseLength(length).version(version).capturedBytes(wireBytes)
                    .responseStatus(ResponseStatus.CLIENT_ERROR).responseCode(a.failure()).build();
            case MqttPacket.SubAck a -> ack("SUBACK", a.packetId(), a.failure(), fromClient, length, wireBytes);
            case MqttPacket.UnsubAck a -> ack("UNSUBACK", a.packetId(), a.failure(), fromClient, length, wireBytes);
            case MqttPacket.PingReq q -> L7Message.request().requestType("PINGREQ").requestLength(length)
                    .version(version).capturedBytes(wireBytes).build();
            case MqttPacket.PingResp r -> L7Message.response().requestType("PINGRESP").responseLength(length)
                    .responseStatus(ResponseStatus.OK).version(version).capturedBytes(wireBytes).build();
            case MqttPacket.Disconnect d -> session("DISCONNECT", d.reasonCode(), length, wireBytes);
            case MqttPacket.Auth a -> session("AUTH", a.reasonCode(), length, wireBytes);
        };
        out.emit(message);
        return true;
    }

    private L7Message.Builder request(String type, int packetId, boolean fromClient, long length, int wireBytes) {
        return L7Message.request().sessionId(fromClient ? packetId : SERVER_INITIATED | packetId)
                .requestType(type).requestLength(length).version(version).capturedBytes(wireBytes);
    }

    /** An acknowledgement answers a packet the other side sent. */
    private L7Message ack(String type, int packetId, int reasonCode, boolean fromClient, long length, int wireBytes) {
        return L7Message.response().sessionId(fromClient ? SERVER_INITIATED | packetId : packetId)
                .requestType(type).responseLength(length).version(version).capturedBytes(wireBytes)
                .responseStatus(reasonStatus(reasonCode)).responseCode(reasonCode >= 0x80 ? reasonCode : null)
                .build();
    }

    private L7Message session(String type, int reasonCode, long length, int wireBytes) {
        return L7Message.session().requestType(type).responseLength(length).version(version)
                .responseStatus(reasonStatus(reasonCode)).responseCode(reasonCode > 0 ? reasonCode : null)
                .capturedBytes(wireBytes).build();
    }

    /** MQTT 3.1.1 §3.2.2.3 (reference §7.3: 0 ok; 1, 2, 4, 5 client; 3 server), MQTT 5.0 §3.2.2.2 reason codes. */
    static ResponseStatus connAckStatus(int code) {
        return switch (code) {
            case 0 -> ResponseStatus.OK;
            case 1, 2, 4, 5 -> ResponseStatus.CLIENT_ERROR;
            case 3 -> ResponseStatus.SERVER_ERROR;
            default -> code >= 0x80 ? reasonStatus(code) : ResponseStatus.PARSE_FAILED;
        };
    }

    /**
     * MQTT 5.0 §2.4: below 0x80 is success. Failures that blame the server (unspecified,
     * implementation specific, unavailable, busy, shutting down, use another server, moved) are
     * server errors, the others client errors.
     */
    static ResponseStatus reasonStatus(int code) {
        if (code < 0x80) return ResponseStatus.OK;
        return switch (code) {
            case 0x80, 0x83, 0x88, 0x89, 0x8B, 0x9C, 0x9D -> ResponseStatus.SERVER_ERROR;
            default -> ResponseStatus.CLIENT_ERROR;
        };
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
