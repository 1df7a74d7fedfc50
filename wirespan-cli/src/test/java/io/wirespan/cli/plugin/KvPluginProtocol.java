package io.wirespan.cli.plugin;

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
import java.util.Set;

/**
 * A third-party protocol as a plugin author writes one against {@code wirespan-api} only: the text
 * lines of a memcached-like key-value store. The tests pack it into a jar with its
 * {@code META-INF/services} entry and load it with {@code --plugin-dir}.
 */
public final class KvPluginProtocol implements L7ProtocolProvider {
    private static final L7Protocol KV = new L7Protocol(127, "Kv");
    private static final Set<String> COMMANDS = Set.of("get", "set", "incr", "delete");
    private static final Set<String> REPLIES = Set.of("VALUE", "END", "STORED", "DELETED", "NOT_FOUND", "ERROR");

    @Override public L7Protocol protocol() { return KV; }
    @Override public PayloadSignature signature(boolean udp) {
        return PayloadSignature.startingWith(ByteSet.ofWordStarts("get", "set", "incr", "delete", "VALUE", "END", "STORED", "ERROR"));
    }

    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        String word = firstWord(data, offset, length);
        if (COMMANDS.contains(word)) return CheckResult.REQUEST;
        if (REPLIES.contains(word)) return CheckResult.RESPONSE;
        return CheckResult.NOT_MINE;
    }

    /** Its counters show in the run summary as {@code Kv parser: commands 4, other_lines 2}. */
    @Override
    public L7Parser newParser(ParseContext context) {
        ParserCounter commands = context.counter("commands");
        ParserCounter otherLines = context.counter("other_lines");
        return (direction, data, offset, length, ctx, out) ->
                parseLines(direction, data, offset, length, out, commands, otherLines);
    }

    private static int parseLines(Direction direction, byte[] data, int offset, int length, MessageSink out,
                                  ParserCounter commands, ParserCounter otherLines) {
        int at = offset, end = offset + length;
        while (true) {
            int newline = -1;
            for (int i = at; i < end; i++) if (data[i] == '\n') { newline = i; break; }
            if (newline < 0) return at - offset;
            String line = new String(data, at, newline - at, StandardCharsets.US_ASCII).strip();
            at = newline + 1;
            String word = line.split(" ", 2)[0];
            if (direction == Direction.CLIENT_TO_SERVER && COMMANDS.contains(word)) {
                commands.increment();
                out.emit(L7Message.request().requestType(word).requestResource(line).build());
            } else if (direction == Direction.SERVER_TO_CLIENT && REPLIES.contains(word) && !word.equals("VALUE")) {
                out.emit(L7Message.response().responseResult(word)
                        .responseStatus(word.equals("ERROR") ? ResponseStatus.CLIENT_ERROR : ResponseStatus.OK).build());
            } else {
                otherLines.increment(); // values, VALUE headers
            }
        }
    }

    private static String firstWord(byte[] data, int offset, int length) {
        int end = offset;
        while (end < offset + length && end - offset < 16 && data[end] > ' ') end++;
        return new String(data, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
