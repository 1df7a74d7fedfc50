package io.wirespan.engine.protocol.mysql;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.PayloadSignature;
import java.util.Objects;

/**
 * MySQL over TCP, DeepFlow's "MySQL" parser. A flow is claimed by a client command (seq 0, a
 * logged {@code COM_*} whose length fits; for COM_QUERY/COM_STMT_PREPARE a SQL keyword first), a
 * HandshakeResponse41, one compressed frame holding a command, or the server greeting.
 */
public final class MysqlProtocol implements L7ProtocolProvider {
    /** The sequence id after the 3-byte length: 0 for a command, a greeting or a compressed frame, 1 for a login. */
    private static final PayloadSignature SIGNATURE = PayloadSignature.ANY.at(3, ByteSet.of(0, 1));

    private final MysqlConfig config;

    /** With {@link MysqlConfig#DEFAULTS}. */
    public MysqlProtocol() {
        this(MysqlConfig.DEFAULTS);
    }

    public MysqlProtocol(MysqlConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public MysqlConfig config() {
        return config;
    }

    @Override
    public L7Protocol protocol() {
        return L7Protocol.MYSQL;
    }

    @Override
    public String configName() {
        return "MySQL";
    }

    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (data == null || offset < 0 || length < 5 || offset > data.length - length) return CheckResult.NOT_MINE;
        int end = offset + length;
        if (MysqlPackets.isCommand(data, offset, end) || MysqlPackets.isLogin(data, offset, end)
                || MysqlPackets.isCompressedCommand(data, offset, end)) {
            return CheckResult.REQUEST;
        }
        return MysqlPackets.isGreeting(data, offset, end) ? CheckResult.RESPONSE : CheckResult.NOT_MINE;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new MysqlParser(config);
    }
}
