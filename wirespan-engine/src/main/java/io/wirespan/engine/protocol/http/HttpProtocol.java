package io.wirespan.engine.protocol.http;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.PayloadSignature;
import io.wirespan.engine.tags.HttpEndpoints;
import io.wirespan.engine.tags.TraceHeaders;
import java.util.Objects;

/**
 * HTTP/1.0 and HTTP/1.1 over TCP (RFC 9112): recognised by a request line or a status line,
 * parsed by one {@link HttpParser} per flow.
 */
public final class HttpProtocol implements L7ProtocolProvider {
    /** An unterminated first line is taken for a request line only when it is at least this long. */
    private static final int MIN_UNTERMINATED_LINE = 256;
    private static final PayloadSignature SIGNATURE =
            PayloadSignature.startingWith(ByteSet.of(HttpMethod.initials()).union(ByteSet.of('H')));

    private final TraceHeaders traceHeaders;
    private final HttpEndpoints endpoints;

    /** With DeepFlow's default tracing headers and endpoint rule. */
    public HttpProtocol() {
        this(TraceHeaders.defaults(), HttpEndpoints.defaults());
    }

    public HttpProtocol(TraceHeaders traceHeaders, HttpEndpoints endpoints) {
        this.traceHeaders = Objects.requireNonNull(traceHeaders, "traceHeaders");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    public L7Protocol protocol() {
        return L7Protocol.HTTP1;
    }

    @Override
    public String configName() {
        return "HTTP";
    }

    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    /**
     * {@code REQUEST} for a request line with a known method, a target and {@code HTTP/1.0} or
     * {@code HTTP/1.1} (or, when the line does not end in the payload, a long target);
     * {@code RESPONSE} for {@code HTTP/1.x NNN}. Either direction: the answer says who the client is.
     */
    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (length <= 0) return CheckResult.NOT_MINE;
        int end = offset + length;
        if (HttpSyntax.startLinePrefix(data, offset, end, false) == HttpSyntax.MATCH) {
            return isStatusLine(data, offset, end) ? CheckResult.RESPONSE : CheckResult.NOT_MINE;
        }
        return isRequestLine(data, offset, end) ? CheckResult.REQUEST : CheckResult.NOT_MINE;
    }

    private static boolean isStatusLine(byte[] b, int from, int end) {
        int code = from + HttpSyntax.STATUS_PREFIX_LENGTH;
        if (end - code < 4) return false;
        int status = HttpSyntax.statusCode(b, code, code + 3);
        byte after = b[code + 3];
        return status >= 100 && status <= 599 && (after == HttpSyntax.SP || after == HttpSyntax.CR || after == HttpSyntax.LF);
    }

    /**
     * method SP target SP HTTP/1.x CRLF, one space each: strict, unlike the parser. A line the
     * payload cuts is accepted once its version has begun, or once its target is long.
     */
    private static boolean isRequestLine(byte[] b, int from, int end) {
        int m = HttpMethod.prefix(b, from, end);
        if (m < 0) return false;
        int target = from + HttpMethod.of(m).text.length() + 1;
        int limit = Math.min(end, from + HttpFramer.MAX_START_LINE);
        int i = target;
        while (i < limit && HttpSyntax.isTargetByte(b[i])) i++;
        if (i == limit) return i > target && limit - from >= MIN_UNTERMINATED_LINE;
        if (i == target || b[i] != HttpSyntax.SP) return false;
        int version = i + 1;
        if (version == end) return false;
        int versionEnd = version + HttpSyntax.STATUS_PREFIX_LENGTH - 1;
        if (versionEnd > end) {
            // the line goes on in the next segment: what there is of the version must fit
            return HttpSyntax.startLinePrefix(b, version, end, false) == HttpSyntax.NEED_MORE;
        }
        if (HttpSyntax.httpVersion(b, version, versionEnd) < 0) return false;
        if (versionEnd == end) return true;
        byte after = b[versionEnd];
        return after == HttpSyntax.LF || (after == HttpSyntax.CR && (versionEnd + 1 == end || b[versionEnd + 1] == HttpSyntax.LF));
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new HttpParser(traceHeaders, endpoints, context);
    }
}
