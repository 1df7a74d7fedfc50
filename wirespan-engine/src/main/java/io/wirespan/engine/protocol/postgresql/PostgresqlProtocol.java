package io.wirespan.engine.protocol.postgresql;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.PayloadSignature;

/**
 * PostgreSQL over TCP, DeepFlow's "PostgreSQL" parser (any port). A flow is claimed by a startup
 * message (StartupMessage 3.0, SSLRequest, GSSENCRequest, CancelRequest), by frontend messages or
 * by backend messages, each read strictly: known tag, bounded length, valid body.
 */
public final class PostgresqlProtocol implements L7ProtocolProvider {
    /** A tag (or the zero that starts a startup packet's length), then a length of at most 16 MiB. */
    private static final PayloadSignature SIGNATURE = PayloadSignature.startingWith(ByteSet.of(0, 'Q', 'P', 'B', 'E',
                    'D', 'S', 'X', 'C', 'H', 'F', 'R', 'K', 'Z', 'T', 'N', 'I', '1', '2', '3', 'n', 't', 's', 'G', 'd', 'c',
                    'f', 'p', 'A', 'V', 'W'))
            .at(1, ByteSet.range(0, PostgresqlWire.MAX_STRICT_LENGTH >>> 24));

    public PostgresqlProtocol() {}

    @Override
    public L7Protocol protocol() {
        return L7Protocol.POSTGRESQL;
    }

    @Override
    public String configName() {
        return "PostgreSQL";
    }

    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    /**
     * {@link CheckResult#REQUEST} when the payload reads as frontend messages, {@link
     * CheckResult#RESPONSE} when it reads as backend messages; when both readings hold, the
     * direction decides.
     */
    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (data == null || offset < 0 || length < 5 || offset > data.length - length || context.isUdp()) {
            return CheckResult.NOT_MINE;
        }
        int end = offset + length;
        boolean request = PostgresqlWire.plausibleStream(true, data, offset, end);
        boolean response = data[offset] != 0 && PostgresqlWire.plausibleStream(false, data, offset, end);
        if (request && response) {
            return direction == Direction.SERVER_TO_CLIENT ? CheckResult.RESPONSE : CheckResult.REQUEST;
        }
        return request ? CheckResult.REQUEST : response ? CheckResult.RESPONSE : CheckResult.NOT_MINE;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new PostgresqlParser(context);
    }
}
