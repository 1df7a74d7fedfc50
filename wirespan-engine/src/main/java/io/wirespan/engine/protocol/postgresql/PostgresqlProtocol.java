package io.wirespan.engine.protocol.postgresql;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.FirstBytes;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;

/**
 * PostgreSQL over TCP, DeepFlow's "PostgreSQL" parser (any port). A flow is claimed by a startup
 * message (StartupMessage 3.0, SSLRequest, GSSENCRequest, CancelRequest), by frontend messages or
 * by backend messages, each read strictly: known tag, bounded length, valid body.
 */
public final class PostgresqlProtocol implements L7ProtocolProvider {
    private static final FirstBytes FIRST_BYTES = FirstBytes.of(0, 'Q', 'P', 'B', 'E', 'D', 'S', 'X', 'C', 'H', 'F',
            'R', 'K', 'Z', 'T', 'N', 'I', '1', '2', '3', 'n', 't', 's', 'G', 'd', 'c', 'f', 'p', 'A', 'V', 'W');

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
    public FirstBytes firstBytes() {
        return FIRST_BYTES;
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
        return new PostgresqlParser();
    }
}
