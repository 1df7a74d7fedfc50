package io.wirespan.engine.protocol.memcached;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.protocol.memcached.MemcachedMessage.Binary;
import io.wirespan.engine.protocol.memcached.MemcachedMessage.Command;
import io.wirespan.engine.protocol.memcached.MemcachedMessage.Reply;
import io.wirespan.engine.protocol.memcached.MemcachedMessage.UnknownCommand;
import java.util.ArrayDeque;

/**
 * One flow's memcached parser: a {@link MemcachedFramer} per direction. Text commands pair with
 * replies in order; a {@code noreply} command gets none, so it is reported as a whole exchange of
 * its own, and {@code quit} (which closes the connection) is not reported, as in DeepFlow. A line
 * memcached knows no command for is not reported either, but its {@code ERROR} is awaited in its
 * turn, so that pipelined commands after it keep their own replies. A text reply no command
 * waits for is dropped. Binary messages pair by their opaque.
 */
final class MemcachedParser implements L7Parser {
    private static final int STAT = 0x10;
    /** Unknown commands remembered while they wait for their ERROR; more are rare, the oldest is forgotten. */
    static final int MAX_UNKNOWN = 64;

    private final ParserCounters<MemcachedCounter> counters;
    private final MemcachedFramer[] framers = new MemcachedFramer[2];
    /** Text commands sent that expect a reply, and replies received: each reply answers command number {@code replies}. */
    private long awaited;
    private long replies;
    /** The numbers of the awaited commands that are unknown, in order: their replies are not reported. */
    private final ArrayDeque<Long> unknown = new ArrayDeque<>();

    MemcachedParser(ParseContext context) {
        this.counters = new ParserCounters<>(MemcachedCounter.values(), context);
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (length <= 0) return 0;
        ParserSettings settings = context.settings();
        MemcachedFramer framer = framers[direction.ordinal()];
        if (framer == null) {
            framer = new MemcachedFramer(direction == Direction.CLIENT_TO_SERVER, settings.payloadTruncation(), counters);
            framers[direction.ordinal()] = framer;
        }
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            pos = framer.step(data, pos, end);
            MemcachedMessage message = framer.take();
            if (message != null) emit(message, settings, out);
            if (framer.stalled()) break;
        }
        return pos - offset;
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        MemcachedFramer framer = framers[direction.ordinal()];
        if (framer != null) framer.gap();
    }

    ParserCounters<MemcachedCounter> counters() {
        return counters;
    }

    private void emit(MemcachedMessage message, ParserSettings settings, MessageSink out) {
        switch (message) {
            case Command c -> command(c, settings, out);
            case UnknownCommand u -> unknownCommand();
            case Reply r -> reply(r, settings, out);
            case Binary b -> binary(b, settings, out);
        }
    }

    private void command(Command c, ParserSettings settings, MessageSink out) {
        counters.increment(MemcachedCounter.COMMANDS);
        if (c.verb() == MemcachedVerb.QUIT) return;
        L7Message.Builder builder = c.noreply() ? L7Message.session() : L7Message.request();
        if (!c.noreply()) awaited++;
        out.emit(builder
                .requestType(c.verb().wire)
                .requestResource(settings.truncate(c.line()))
                .capturedBytes(c.wireBytes())
                .build());
    }

    private void unknownCommand() {
        if (unknown.size() == MAX_UNKNOWN) unknown.pollFirst();
        unknown.addLast(++awaited);
    }

    private void reply(Reply r, ParserSettings settings, MessageSink out) {
        if (replies == awaited) {
            counters.increment(MemcachedCounter.UNPAIRED_REPLIES);
            return;
        }
        replies++;
        counters.increment(MemcachedCounter.REPLIES);
        while (!unknown.isEmpty() && unknown.peekFirst() < replies) unknown.pollFirst();
        if (!unknown.isEmpty() && unknown.peekFirst() == replies) {
            unknown.pollFirst();
            return;
        }
        String exception = r.kind().isError() ? (r.detail() != null ? r.detail() : r.kind().wire) : null;
        out.emit(L7Message.response()
                .responseStatus(r.kind().status)
                .responseResult(settings.truncate(r.line()))
                .responseException(settings.truncate(exception))
                .capturedBytes(r.wireBytes())
                .build());
    }

    private void binary(Binary b, ParserSettings settings, MessageSink out) {
        String opcode = MemcachedBinaryCodes.opcode(b.opcode());
        if (b.request()) {
            counters.increment(MemcachedCounter.COMMANDS);
            out.emit(L7Message.request()
                    .sessionId(b.opaque())
                    .requestType(opcode != null ? opcode : "Unknown")
                    .requestResource(settings.truncate(b.key()))
                    .capturedBytes(b.wireBytes())
                    .build());
            return;
        }
        if (b.opcode() == STAT && b.key() != null) return; // one stat of many; the empty-key one ends them
        counters.increment(MemcachedCounter.REPLIES);
        var status = MemcachedBinaryCodes.responseStatus(b.status());
        String name = MemcachedBinaryCodes.status(b.status());
        out.emit(L7Message.response()
                .sessionId(b.opaque())
                .responseStatus(status)
                .responseCode(b.status())
                .responseResult(name)
                .responseException(status.isError() ? name : null)
                .capturedBytes(b.wireBytes())
                .build());
    }
}
