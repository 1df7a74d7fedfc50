package io.wirespan.engine.protocol.mqtt;

import static io.wirespan.engine.protocol.mqtt.MqttWire.*;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.ByteSet;
import io.wirespan.api.PayloadSignature;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;

/**
 * MQTT 3.1, 3.1.1 and 5 over TCP, DeepFlow's "MQTT" parser. Unlike DeepFlow, which knows a flow
 * only by its CONNECT, {@link #check} also recognises a flow caught mid-stream by a run of
 * well-formed PUBLISH / SUBSCRIBE / UNSUBSCRIBE packets (or a lone PINGREQ).
 */
public final class MqttProtocol implements L7ProtocolProvider {
    /** Packets walked by a mid-stream check before it trusts the run. */
    private static final int CHECK_PACKETS = 16;
    private static final PayloadSignature SIGNATURE = PayloadSignature.startingWith(validFirstBytes());

    public MqttProtocol() {}

    @Override
    public L7Protocol protocol() {
        return L7Protocol.MQTT;
    }

    @Override
    public String configName() {
        return "MQTT";
    }

    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    /**
     * {@link CheckResult#REQUEST} for a CONNECT naming protocol {@code MQTT} level 4 or 5 or
     * {@code MQIsdp} level 3 (§3.1.2.1–2). Mid-stream, the payload must be a run of packets whose
     * headers and first fields are plausible ({@link MqttWire#plausible}) and that ends exactly at
     * the payload's end (or in a PUBLISH that goes on), with at least one PUBLISH, SUBSCRIBE or
     * UNSUBSCRIBE, or else be exactly one PINGREQ. A SUBSCRIBE, UNSUBSCRIBE or PINGREQ first is a
     * request, an acknowledgement of those a response; a PUBLISH or PUBLISH acknowledgement first,
     * which either side may send, keeps the flow's current orientation.
     */
    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (data == null || offset < 0 || length < 2 || offset > data.length - length) return CheckResult.NOT_MINE;
        int end = offset + length;
        int firstType = -1;
        boolean strong = false;
        int at = offset;
        for (int n = 0; n < CHECK_PACKETS && at < end; n++) {
            int first = data[at] & 0xFF;
            if (!validFirstByte(first)) return CheckResult.NOT_MINE;
            long packed = varInt(data, at + 1, end);
            if (packed < 0) return CheckResult.NOT_MINE;
            int body = at + 1 + varIntBytes(packed), remaining = varIntValue(packed);
            int type = first >>> 4;
            if (n == 0 && type == CONNECT) {
                return plausible(first, remaining, data, body, end, true) == YES ? CheckResult.REQUEST : CheckResult.NOT_MINE;
            }
            if (type == CONNECT || type == CONNACK || type == DISCONNECT || type == AUTH) return CheckResult.NOT_MINE;
            if (plausible(first, remaining, data, body, end, true) != YES) return CheckResult.NOT_MINE;
            if (n == 0) firstType = type;
            if (type == PUBLISH || type == SUBSCRIBE || type == UNSUBSCRIBE) strong = true;
            if ((long) body + remaining > end) {
                if (type != PUBLISH) return CheckResult.NOT_MINE; // only a message body may go on
                at = end;
                break;
            }
            at = body + remaining;
            if (n == 0 && at == end && type == PINGREQ) strong = true;
        }
        if (!strong) return CheckResult.NOT_MINE;
        return switch (firstType) {
            case SUBSCRIBE, UNSUBSCRIBE, PINGREQ -> CheckResult.REQUEST;
            case SUBACK, UNSUBACK, PINGRESP -> CheckResult.RESPONSE;
            default -> direction == Direction.CLIENT_TO_SERVER ? CheckResult.REQUEST : CheckResult.RESPONSE;
        };
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new MqttParser(context);
    }

    private static ByteSet validFirstBytes() {
        int[] values = new int[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (validFirstByte(b) && (b >>> 4) != CONNACK && (b >>> 4) != DISCONNECT && (b >>> 4) != AUTH) values[n++] = b;
        }
        return ByteSet.of(java.util.Arrays.copyOf(values, n));
    }
}
