package io.wirespan.engine.protocol;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserCounter;
import io.wirespan.api.PayloadSignature;
import io.wirespan.api.ResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * A toy line protocol for engine tests: requests {@code GET name\n} (or {@code GET#id name\n} to
 * pair by id), answers {@code OK name\n} / {@code ERR name\n}, notices {@code NOTE text\n}, and
 * {@code SWITCH\n} hands the flow back for re-identification. Other lines are counted under
 * {@link #UNKNOWN_LINES} (or the name it is made with).
 */
final class LineProtocol implements L7ProtocolProvider {
    static final L7Protocol LINE = new L7Protocol(127, "Line");
    static final String UNKNOWN_LINES = "unknown_lines";

    private final String unknownLinesCounter;

    LineProtocol() {
        this(UNKNOWN_LINES);
    }

    LineProtocol(String unknownLinesCounter) {
        this.unknownLinesCounter = unknownLinesCounter;
    }

    @Override public L7Protocol protocol() { return LINE; }
    @Override public boolean parsesUdp() { return true; }
    @Override public PayloadSignature signature(boolean udp) { return PayloadSignature.startingWith(ByteSet.of('G', 'O', 'E', 'N', 'S')); }

    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        String start = new String(data, offset, Math.min(length, 4), StandardCharsets.US_ASCII);
        if (start.startsWith("GET")) return CheckResult.REQUEST;
        if (start.startsWith("OK ") || start.startsWith("ERR")) return CheckResult.RESPONSE;
        return CheckResult.NOT_MINE;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        ParserCounter unknownLines = context.counter(unknownLinesCounter);
        return new L7Parser() {
            private boolean switched;

            @Override
            public int parse(Direction direction, byte[] data, int offset, int length, ParseContext ctx, MessageSink out) {
                int at = offset, end = offset + length;
                while (at < end && !switched) {
                    int newline = -1;
                    for (int i = at; i < end; i++) if (data[i] == '\n') { newline = i; break; }
                    if (newline < 0) return at - offset;
                    String line = new String(data, at, newline - at, StandardCharsets.US_ASCII);
                    at = newline + 1;
                    if (line.startsWith("GET")) {
                        Long id = line.startsWith("GET#") ? Long.parseLong(line.substring(4, line.indexOf(' '))) : null;
                        out.emit(L7Message.request().sessionId(id).requestType("GET")
                                .requestResource(line.substring(line.indexOf(' ') + 1)).capturedBytes(line.length() + 1).build());
                    } else if (line.startsWith("OK") || line.startsWith("ERR")) {
                        boolean ok = line.startsWith("OK");
                        String rest = line.substring(line.indexOf(' ') + 1);
                        Long id = rest.startsWith("#") ? Long.parseLong(rest.substring(1)) : null;
                        out.emit(L7Message.response().sessionId(id).responseCode(ok ? 0 : 1)
                                .responseStatus(ok ? ResponseStatus.OK : ResponseStatus.SERVER_ERROR)
                                .capturedBytes(line.length() + 1).build());
                    } else if (line.startsWith("NOTE")) {
                        out.emit(L7Message.session().requestType("NOTE").requestResource(line.substring(5)).build());
                    } else if (line.equals("SWITCH")) {
                        switched = true;
                    } else if (line.equals("BOOM")) {
                        throw new IllegalStateException("a parser bug");
                    } else {
                        unknownLines.increment();
                    }
                }
                return at - offset;
            }

            @Override
            public boolean protocolSwitched() {
                return switched;
            }
        };
    }
}
