package io.wirespan.engine.protocol.memcached;

import io.wirespan.engine.protocol.ParserCounters;

/**
 * Memcached bytes of one direction to complete messages, resumable at any byte. Text lines are read
 * when their line end has arrived (the engine holds the partial line); data blocks (after storage
 * commands, {@code VALUE} and {@code VA} lines) and binary bodies are consumed as they arrive. A
 * reply that starts with {@code VALUE} or {@code STAT} runs to its {@code END} line. A binary
 * message starts with magic 0x80 (request) or 0x81 (response). After a gap, or a data block not
 * ended by CRLF, the framer skips to the next line end and resumes there.
 */
final class MemcachedFramer {
    /** The longest text line. */
    static final int MAX_LINE = 64 * 1024;
    /** The largest data block or binary body. */
    static final long MAX_DATA = 1L << 30;
    static final int BINARY_HEADER = 24;
    private static final int REQUEST_MAGIC = 0x80;
    private static final int RESPONSE_MAGIC = 0x81;

    private enum State { LINE, DATA, DATA_CR, DATA_LF, BINARY_BODY, HUNTING }

    private final boolean client;
    private final int budget;
    private final ParserCounters<MemcachedCounter> counters;

    private State state = State.LINE;
    private boolean synced = true;
    private boolean lastCr;
    private boolean stalled;
    private long dataLeft;
    private long wireBytes;

    // text: the message being read
    private MemcachedVerb verb;
    private String line;
    private boolean noreply;
    private MemcachedReplyKind kind;
    private String detail;
    private boolean list;

    // binary: the header being read, and the key captured from the body
    private boolean binaryRequest;
    private int opcode;
    private int status;
    private long opaque;
    private int skipBeforeKey;
    private int keyLeft;
    private final byte[] key;
    private int keyLength;

    private MemcachedMessage message;

    MemcachedFramer(boolean client, int budget, ParserCounters<MemcachedCounter> counters) {
        this.client = client;
        this.budget = budget;
        this.counters = counters;
        this.key = new byte[Math.min(budget, 250)];
    }

    /**
     * Reads from {@code pos}: a line, a binary header, a piece of a data block or skipped bytes.
     *
     * @return the position after what was consumed
     */
    int step(byte[] data, int pos, int end) {
        stalled = false;
        return switch (state) {
            case LINE -> data[pos] == (byte) REQUEST_MAGIC || data[pos] == (byte) RESPONSE_MAGIC
                    ? binaryHeader(data, pos, end) : line(data, pos, end);
            case DATA -> data(data, pos, end);
            case DATA_CR, DATA_LF -> dataEnd(data, pos);
            case BINARY_BODY -> binaryBody(data, pos, end);
            case HUNTING -> hunt(data, pos, end);
        };
    }

    boolean stalled() {
        return stalled;
    }

    MemcachedMessage take() {
        MemcachedMessage m = message;
        message = null;
        return m;
    }

    void gap() {
        resync();
    }

    private int hunt(byte[] data, int pos, int end) {
        int start = pos;
        while (pos < end) {
            byte b = data[pos++];
            if (b == '\n' && lastCr) {
                state = State.LINE;
                break;
            }
            lastCr = b == '\r';
        }
        counters.add(MemcachedCounter.RESYNC_SKIPPED_BYTES, pos - start);
        return pos;
    }

    private int line(byte[] data, int pos, int end) {
        int limit = (int) Math.min(end, (long) pos + MAX_LINE);
        int lf = -1;
        for (int i = pos; i < limit; i++) {
            if (data[i] == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            if (limit - pos >= MAX_LINE) return malformed(MemcachedCounter.BAD_LINE, pos);
            stalled = true;
            return pos;
        }
        int to = lf > pos && data[lf - 1] == '\r' ? lf - 1 : lf; // memcached also takes a bare LF
        int next = lf + 1;
        wireBytes += next - pos;
        if (to == pos && !list && !client) { // an empty line between replies
            wireBytes = 0;
            return next;
        }
        return client ? commandLine(data, pos, to, next) : replyLine(data, pos, to, next);
    }

    private int commandLine(byte[] data, int pos, int to, int next) {
        MemcachedVerb v = to == pos ? null : MemcachedVerb.of(data, pos, MemcachedText.tokenEnd(data, pos, to));
        if (v == null) {
            if (!synced) return skipLine(MemcachedCounter.BAD_COMMAND, next); // a piece of what the gap cut
            if (to > pos) counters.increment(MemcachedCounter.BAD_COMMAND);
            message = new MemcachedMessage.UnknownCommand(wireBytes);
            reset();
            return next;
        }
        verb = v;
        line = MemcachedText.string(data, pos, Math.min(to - pos, budget));
        int last = lastTokenStart(data, pos, to);
        noreply = MemcachedText.is(data, last, to, "noreply");
        if (v.lengthToken < 0) {
            complete();
            return next;
        }
        return startData(data, MemcachedText.tokenStart(data, pos, to, v.lengthToken), to, next);
    }

    private int replyLine(byte[] data, int pos, int to, int next) {
        int tokenEnd = MemcachedText.tokenEnd(data, pos, to);
        if (list) {
            if (MemcachedText.is(data, pos, tokenEnd, "END")) {
                complete();
                return next;
            }
            if (MemcachedText.is(data, pos, tokenEnd, "VALUE")) {
                return startData(data, MemcachedText.tokenStart(data, pos, to, 3), to, next);
            }
            return next; // STAT, ITEM, ... lines of the list
        }
        MemcachedReplyKind k = MemcachedReplyKind.of(data, pos, tokenEnd);
        if (k == null) return skipLine(MemcachedCounter.BAD_REPLY, next);
        kind = k;
        line = MemcachedText.string(data, pos, Math.min(to - pos, budget));
        int rest = tokenEnd + 1;
        detail = rest < to ? MemcachedText.string(data, rest, Math.min(to - rest, budget)) : null;
        return switch (k) {
            case VALUE -> {
                list = true;
                yield startData(data, MemcachedText.tokenStart(data, pos, to, 3), to, next);
            }
            case STAT -> {
                list = true;
                yield next;
            }
            case META_VALUE -> startData(data, MemcachedText.tokenStart(data, pos, to, 1), to, next);
            default -> {
                complete();
                yield next;
            }
        };
    }

    /** A data block of the length in the token at {@code lengthAt} follows the line. */
    private int startData(byte[] data, int lengthAt, int to, int next) {
        long length = lengthAt < 0 ? MemcachedText.NOT_A_NUMBER
                : MemcachedText.parseLong(data, lengthAt, MemcachedText.tokenEnd(data, lengthAt, to));
        if (length < 0 || length > MAX_DATA) return skipLine(MemcachedCounter.BAD_LENGTH, next);
        dataLeft = length;
        state = length > 0 ? State.DATA : State.DATA_CR;
        return next;
    }

    private int data(byte[] data, int pos, int end) {
        int n = (int) Math.min(end - pos, dataLeft);
        dataLeft -= n;
        wireBytes += n;
        if (dataLeft == 0) state = State.DATA_CR;
        return pos + n;
    }

    private int dataEnd(byte[] data, int pos) {
        byte b = data[pos];
        if (state == State.DATA_CR) {
            if (b != '\r') return malformed(MemcachedCounter.BAD_DATA_END, pos);
            state = State.DATA_LF;
            wireBytes++;
            return pos + 1;
        }
        if (b != '\n') return malformed(MemcachedCounter.BAD_DATA_END, pos);
        wireBytes++;
        state = State.LINE;
        if (!list) complete(); // a list goes on to its END
        return pos + 1;
    }

    private int binaryHeader(byte[] data, int pos, int end) {
        if (end - pos < BINARY_HEADER) {
            stalled = true;
            return pos;
        }
        int magic = data[pos] & 0xFF;
        int keyLen = u16(data, pos + 2);
        int extrasLen = data[pos + 4] & 0xFF;
        int dataType = data[pos + 5] & 0xFF;
        long bodyLen = u32(data, pos + 8);
        if (magic != (client ? REQUEST_MAGIC : RESPONSE_MAGIC) || dataType != 0 || bodyLen > MAX_DATA
                || keyLen + extrasLen > bodyLen) {
            return malformed(MemcachedCounter.BAD_BINARY_HEADER, pos);
        }
        binaryRequest = magic == REQUEST_MAGIC;
        opcode = data[pos + 1] & 0xFF;
        status = binaryRequest ? 0 : u16(data, pos + 6);
        opaque = u32(data, pos + 12);
        skipBeforeKey = extrasLen;
        keyLeft = keyLen;
        keyLength = 0;
        dataLeft = bodyLen;
        wireBytes = BINARY_HEADER;
        state = State.BINARY_BODY;
        if (bodyLen == 0) completeBinary();
        return pos + BINARY_HEADER;
    }

    private int binaryBody(byte[] data, int pos, int end) {
        int n = (int) Math.min(end - pos, dataLeft);
        int skip = Math.min(n, skipBeforeKey);
        skipBeforeKey -= skip;
        int keyBytes = Math.min(n - skip, keyLeft);
        int room = Math.min(keyBytes, key.length - keyLength);
        if (room > 0) System.arraycopy(data, pos + skip, key, keyLength, room);
        keyLength += Math.max(room, 0);
        keyLeft -= keyBytes;
        dataLeft -= n;
        wireBytes += n;
        if (dataLeft == 0) completeBinary();
        return pos + n;
    }

    private void completeBinary() {
        String k = keyLength > 0 ? MemcachedText.string(key, 0, keyLength) : null;
        message = new MemcachedMessage.Binary(binaryRequest, opcode, status, opaque, k, wireBytes);
        synced = true;
        state = State.LINE;
        reset();
    }

    private void complete() {
        message = client
                ? new MemcachedMessage.Command(verb, line, noreply, wireBytes)
                : new MemcachedMessage.Reply(kind, line, detail, wireBytes);
        synced = true;
        reset();
    }

    /** A line that starts no message: counted and consumed; the next line is read afresh. */
    private int skipLine(MemcachedCounter reason, int next) {
        if (synced) counters.increment(reason);
        counters.add(MemcachedCounter.RESYNC_SKIPPED_BYTES, wireBytes);
        state = State.LINE;
        reset();
        return next;
    }

    private int malformed(MemcachedCounter reason, int pos) {
        if (synced) counters.increment(reason);
        resync();
        return pos;
    }

    private void resync() {
        state = State.HUNTING;
        synced = false;
        lastCr = false;
        reset();
    }

    private void reset() {
        wireBytes = 0;
        dataLeft = 0;
        verb = null;
        line = null;
        noreply = false;
        kind = null;
        detail = null;
        list = false;
    }

    private static int lastTokenStart(byte[] data, int from, int to) {
        int i = to;
        while (i > from && data[i - 1] == ' ') i--;
        int tokenEnd = i;
        while (i > from && data[i - 1] != ' ') i--;
        return tokenEnd == to ? i : to;
    }

    private static int u16(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    private static long u32(byte[] data, int at) {
        return (long) u16(data, at) << 16 | u16(data, at + 2);
    }
}
