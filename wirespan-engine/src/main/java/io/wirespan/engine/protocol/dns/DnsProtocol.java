package io.wirespan.engine.protocol.dns;

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
 * DNS over UDP and TCP, DeepFlow's "DNS" parser (default ports 53 and 5353). A flow is claimed
 * by a query only: a response never passes {@link #check}, as in DeepFlow.
 */
public final class DnsProtocol implements L7ProtocolProvider {
    /** A query's flags: QR clear, an opcode with a question; Z clear, RCODE 0. Over TCP after the 2-byte length. */
    private static final ByteSet QUERY_FLAGS_HIGH =
            ByteSet.where(b -> (b & 0x80) == 0 && DnsOpcode.valueOf((b >>> 3) & 0xF).expectsQuestion());
    private static final ByteSet QUERY_FLAGS_LOW = ByteSet.where(b -> (b & 0x4F) == 0);
    private static final PayloadSignature UDP_SIGNATURE = PayloadSignature.ANY
            .at(2, QUERY_FLAGS_HIGH).at(3, QUERY_FLAGS_LOW);
    private static final PayloadSignature TCP_SIGNATURE = PayloadSignature.ANY
            .at(DnsWire.PREFIX_LENGTH + 2, QUERY_FLAGS_HIGH).at(DnsWire.PREFIX_LENGTH + 3, QUERY_FLAGS_LOW);

    private final DnsConfig config;
    private final DnsSuffixes unconcerned;

    /** With {@link DnsConfig#DEFAULTS}. */
    public DnsProtocol() {
        this(DnsConfig.DEFAULTS);
    }

    public DnsProtocol(DnsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.unconcerned = new DnsSuffixes(config.unconcernedNxdomainSuffixes());
    }

    public DnsConfig config() {
        return config;
    }

    @Override
    public L7Protocol protocol() {
        return L7Protocol.DNS;
    }

    @Override
    public String configName() {
        return "DNS";
    }

    @Override
    public boolean parsesUdp() {
        return true;
    }

    @Override
    public String defaultPorts() {
        return "53,5353";
    }

    /**
     * {@link CheckResult#REQUEST} for a query (see {@link DnsWire#isQuery}); on TCP the query must
     * follow its 2-byte length (RFC 7766 §8). Reads the header and the first question only.
     */
    @Override
    public PayloadSignature signature(boolean udp) {
        return udp ? UDP_SIGNATURE : TCP_SIGNATURE;
    }

    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) return CheckResult.NOT_MINE;
        int end = offset + length;
        boolean query = context.isUdp()
                ? DnsWire.isQuery(data, offset, length, end)
                : length >= DnsWire.PREFIX_LENGTH
                        && DnsWire.isQuery(data, offset + DnsWire.PREFIX_LENGTH, DnsWire.u16(data, offset), end);
        return query ? CheckResult.REQUEST : CheckResult.NOT_MINE;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new DnsParser(unconcerned, context);
    }
}
