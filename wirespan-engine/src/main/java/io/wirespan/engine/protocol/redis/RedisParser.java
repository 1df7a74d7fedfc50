package io.wirespan.engine.protocol.redis;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.protocol.redis.RedisMessage.Command;
import io.wirespan.engine.protocol.redis.RedisMessage.Reply;

/**
 * One flow's Redis parser: a {@link RedisFramer} per direction; commands become requests and
 * replies responses, paired by the engine in order (no session id), which covers pipelining and
 * MULTI/EXEC ({@code +QUEUED} replies pair with the queued commands). Out-of-band values are
 * skipped and counted, so they do not shift the pairing: RESP3 {@code >} pushes, pub/sub
 * {@code message}/{@code pmessage}/{@code smessage} arrays once the client subscribed, and the
 * extra confirmations of a SUBSCRIBE naming several channels. A reply no request waits for (a
 * capture started mid-flow, a lost request) is dropped, as DeepFlow does.
 */
final class RedisParser implements L7Parser {
    private static final String[] LABELS = new String[128];

    static {
        LABELS['+'] = "+ Simple string";
        LABELS['-'] = "- Simple error";
        LABELS[':'] = ": Integer";
        LABELS['$'] = "$ Bulk string";
        LABELS['*'] = "* Array";
        LABELS['_'] = "_ Null";
        LABELS['#'] = "# Boolean";
        LABELS[','] = ", Double";
        LABELS['('] = "( Big number";
        LABELS['!'] = "! Bulk error";
        LABELS['='] = "= Verbatim string";
        LABELS['%'] = "% Map";
        LABELS['~'] = "~ Set";
        LABELS['>'] = "> Push";
    }

    private static final String[] CONFIRMATIONS =
            {"subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe"};

    static final String UNKNOWN_LABEL = "Unknown redis format";

    private final ParserCounters<RedisCounter> counters;
    private final RedisFramer[] framers = new RedisFramer[2];
    private long pending;
    private boolean subscribed;
    private long confirmationsToSkip;

    RedisParser(ParseContext context) {
        this.counters = new ParserCounters<>(RedisCounter.values(), context);
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (length <= 0) return 0;
        ParserSettings settings = context.settings();
        RedisFramer framer = framer(direction, settings);
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            pos = framer.step(data, pos, end);
            RedisMessage message = framer.take();
            if (message != null) emit(message, settings, out);
            if (framer.stalled()) break;
        }
        return pos - offset;
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        RedisFramer framer = framers[direction.ordinal()];
        if (framer != null) framer.gap();
    }

    ParserCounters<RedisCounter> counters() {
        return counters;
    }

    static String label(byte type) {
        String label = type > 0 ? LABELS[type] : null;
        return label == null ? UNKNOWN_LABEL : label;
    }

    private RedisFramer framer(Direction direction, ParserSettings settings) {
        RedisFramer framer = framers[direction.ordinal()];
        if (framer == null) {
            framer = new RedisFramer(direction == Direction.CLIENT_TO_SERVER, settings.payloadTruncation(), counters);
            framers[direction.ordinal()] = framer;
        }
        return framer;
    }

    private void emit(RedisMessage message, ParserSettings settings, MessageSink out) {
        switch (message) {
            case Command c -> emitCommand(c, settings, out);
            case Reply r -> emitReply(r, settings, out);
        }
    }

    private void emitCommand(Command command, ParserSettings settings, MessageSink out) {
        byte[] text = command.text();
        String upper = RedisCommands.lookup(text, 0, command.argEnd(0));
        if (isSubscribe(upper)) {
            subscribed = true;
            confirmationsToSkip += Math.max(0, command.argCount() - 2);
        }
        String line = settings.obfuscate() ? RedisObfuscator.line(upper, command)
                : RedisText.string(text, 0, command.length());
        pending++;
        counters.increment(RedisCounter.COMMANDS);
        out.emit(L7Message.request()
                .requestType(settings.truncate(RedisCommands.asSent(upper, text, 0, command.argEnd(0))))
                .requestResource(settings.truncate(line))
                .capturedBytes(command.wireBytes())
                .build());
    }

    private void emitReply(Reply reply, ParserSettings settings, MessageSink out) {
        String kind = reply.firstElement();
        if (reply.type() == '*' || reply.type() == '>') {
            if (isConfirmation(kind) && confirmationsToSkip > 0) {
                confirmationsToSkip--;
                counters.increment(RedisCounter.PUSHES);
                return;
            }
            if (reply.type() == '>' && !isConfirmation(kind) || subscribed && isPubSubMessage(kind)) {
                counters.increment(RedisCounter.PUSHES);
                return;
            }
        }
        if (pending == 0) {
            counters.increment(RedisCounter.UNPAIRED_REPLIES);
            return;
        }
        pending--;
        counters.increment(RedisCounter.REPLIES);
        boolean error = reply.type() == '-' || reply.type() == '!';
        out.emit(L7Message.response()
                .responseStatus(error ? ResponseStatus.SERVER_ERROR : ResponseStatus.OK)
                .responseResult(label(reply.type()))
                .responseException(error ? settings.truncate(reply.error()) : null)
                .capturedBytes(reply.wireBytes())
                .build());
    }

    private static boolean isSubscribe(String upper) {
        return "SUBSCRIBE".equals(upper) || "PSUBSCRIBE".equals(upper) || "SSUBSCRIBE".equals(upper);
    }

    private static boolean isConfirmation(String kind) {
        if (kind == null) return false;
        for (String c : CONFIRMATIONS) {
            if (c.equalsIgnoreCase(kind)) return true;
        }
        return false;
    }

    private static boolean isPubSubMessage(String kind) {
        return "message".equals(kind) || "pmessage".equals(kind) || "smessage".equals(kind);
    }
}
