package io.wirespan.engine.protocol.redis;

import io.wirespan.engine.protocol.ParserCounters;
import java.util.Arrays;

/**
 * RESP2/RESP3 bytes of one direction to complete values, resumable at any byte. Header lines
 * ({@code *3}, {@code $5}, {@code +OK}) are read only when their CRLF has arrived (the engine holds
 * the partial line); bulk payloads are consumed as they arrive, keeping only what a call log can
 * show. Aggregates nest through a depth stack of remaining counts; a RESP3 attribute ({@code |})
 * is read and dropped, and does not count as an element. On bytes that cannot be RESP, and after a
 * gap, the framer hunts for a CRLF followed by a byte that can start a value ({@code *} for a
 * client, any type byte for a server) and resumes there.
 */
final class RedisFramer {
    /** The longest header, simple-string or inline line. */
    static final int MAX_LINE = 64 * 1024;
    /** The deepest aggregate nesting read. */
    static final int MAX_DEPTH = 32;
    /** The most elements one aggregate may announce. */
    static final long MAX_COUNT = 1L << 24;
    /** The longest bulk string (Redis's proto-max-bulk-len default). */
    static final long MAX_BULK = 512L * 1024 * 1024;
    /** Arguments of one command kept for the call log. */
    static final int MAX_ARGS = 256;
    private static final int FIRST_ELEMENT_LIMIT = 32;
    private static final byte[] SPACE = {' '};

    private enum State { VALUE, BULK, BULK_CR, BULK_LF, HUNTING }

    private enum Capture { NONE, ARG, ERROR, FIRST }

    private final boolean client;
    private final int budget;
    private final ParserCounters<RedisCounter> counters;

    private State state = State.VALUE;
    private boolean synced = true;
    private boolean lineStart;
    private boolean lastCr;
    private boolean stalled;

    // Grown on demand up to MAX_DEPTH and MAX_ARGS: a parser is made for every flow, and most
    // flows nest two levels and send a few arguments.
    private long[] remaining = new long[4];
    private boolean[] attribute = new boolean[4];
    private int depth;
    private long topTotal;
    private byte topType;
    private boolean commandShape = true;
    private long wireBytes;
    private long bulkLeft;

    private Capture capture = Capture.NONE;
    private byte[] captured = new byte[128];
    private int capturedLength;
    private int captureStart;
    private int captureLimit;
    private int[] argEnds = new int[8];
    private int argsKept;
    private int argCount;
    private String error;
    private String firstElement;
    private RedisMessage message;
    private boolean reported;

    /**
     * @param client true for the client's direction: values must be commands
     * @param budget bytes of arguments and error text kept per message (the payload truncation)
     */
    RedisFramer(boolean client, int budget, ParserCounters<RedisCounter> counters) {
        this.client = client;
        this.budget = Math.max(budget, RedisCommands.MAX_LENGTH);
        this.counters = counters;
    }

    /**
     * Reads from {@code pos}: a line, a piece of bulk payload or bytes skipped while hunting.
     * Afterwards {@link #take} may hold a complete value, and {@link #stalled} tells whether the
     * rest of the bytes must wait for more.
     *
     * @return the position after what was consumed
     */
    int step(byte[] data, int pos, int end) {
        stalled = false;
        return switch (state) {
            case HUNTING -> hunt(data, pos, end);
            case VALUE -> value(data, pos, end);
            case BULK -> bulk(data, pos, end);
            case BULK_CR, BULK_LF -> bulkEnd(data, pos);
        };
    }

    /** True when the last step could not go on without more bytes. */
    boolean stalled() {
        return stalled;
    }

    /** The value the last step completed, once; else null. */
    RedisMessage take() {
        RedisMessage m = message;
        message = null;
        return m;
    }

    /** Bytes were lost: drop the partial value and hunt. */
    void gap() {
        hunt();
        lastCr = false;
    }

    boolean hunting() {
        return state == State.HUNTING;
    }

    private int hunt(byte[] data, int pos, int end) {
        int start = pos;
        while (pos < end) {
            if (lineStart && canStart(data[pos])) {
                state = State.VALUE;
                break;
            }
            byte b = data[pos++];
            lineStart = b == '\n' && lastCr;
            lastCr = b == '\r';
        }
        counters.add(RedisCounter.RESYNC_SKIPPED_BYTES, pos - start);
        return pos;
    }

    private boolean canStart(byte b) {
        if (client) return b == '*';
        return switch (b) {
            case '+', '-', ':', '$', '*', '_', ',', '#', '!', '=', '(', '%', '~', '>', '|' -> true;
            default -> false;
        };
    }

    private int value(byte[] data, int pos, int end) {
        if (!client && depth > 0 && data[pos] == '$') {
            int after = plainBulks(data, pos, end);
            if (after != pos) return after;
        }
        int limit = (int) Math.min(end, (long) pos + MAX_LINE);
        int lf = -1;
        for (int i = pos; i < limit; i++) {
            if (data[i] == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            if (limit - pos >= MAX_LINE) return malformed(RedisCounter.BAD_LINE, pos);
            stalled = true;
            return pos;
        }
        if (lf == pos || data[lf - 1] != '\r') return malformed(RedisCounter.BAD_LINE, pos);
        int next = lf + 1;
        int from = pos + 1;
        int to = lf - 1;
        byte type = data[pos];
        if (depth == 0 && lf == pos + 1) return next; // an empty line between values, as redis-server allows
        if (client && depth == 0 && isLetter(type)) return inline(data, pos, to, next);
        return switch (type) {
            case '+', '-', ':', ',', '(', '#', '_' -> simple(type, data, pos, from, to, next);
            case '$', '!', '=' -> bulkHeader(type, data, from, to, next, end);
            case '*', '~', '>', '%', '|' -> aggregate(type, data, from, to, next);
            default -> malformed(RedisCounter.BAD_TYPE, pos);
        };
    }

    private int simple(byte type, byte[] data, int pos, int from, int to, int next) {
        if (type == ':' && RedisText.parseLong(data, from, to) == RedisText.NOT_A_NUMBER
                || type == '_' && from != to) {
            return malformed(RedisCounter.BAD_LINE, pos);
        }
        startElement(type);
        wireBytes += next - pos;
        if (!client && depth == 0 && type == '-') {
            error = RedisText.string(data, pos, Math.min(to - pos, budget));
        } else if (!client && type == '+' && atFirstTopElement() && to - from <= FIRST_ELEMENT_LIMIT) {
            firstElement = RedisText.string(data, from, to - from);
        }
        elementDone();
        return next;
    }

    private int bulkHeader(byte type, byte[] data, int from, int to, int next, int end) {
        int pos = from - 1;
        if (to - from == 1 && data[from] == '?') return malformed(RedisCounter.STREAMED, pos);
        long length = RedisText.parseLong(data, from, to);
        if (length < -1 || length > MAX_BULK) return malformed(RedisCounter.BAD_LENGTH, pos);
        startElement(type);
        wireBytes += next - pos;
        if (length == -1) {
            elementDone();
            return next;
        }
        if (client && depth == 1 && !attribute[0]) {
            argCount++;
            if (argsKept < MAX_ARGS && capturedLength < budget) startCapture(Capture.ARG, budget);
        } else if (!client && depth == 0 && type == '!') {
            startCapture(Capture.ERROR, budget);
        } else if (!client && depth == 0) {
            // A bulk reply is known by its header: report it now, so that one cut short by the
            // capture still counts, and skip its payload as it comes.
            message = new RedisMessage.Reply(type, null, null, wireBytes + length + 2);
            reported = true;
        } else if (!client && atFirstTopElement() && length <= FIRST_ELEMENT_LIMIT) {
            startCapture(Capture.FIRST, FIRST_ELEMENT_LIMIT);
        }
        bulkLeft = length;
        state = length > 0 ? State.BULK : State.BULK_CR;
        // Most payloads are here whole, with their CRLF: taken in this step rather than in three
        if (end - next >= length + 2 && data[next + (int) length] == '\r' && data[next + (int) length + 1] == '\n') {
            if (capture != Capture.NONE) append(data, next, (int) length);
            bulkLeft = 0;
            wireBytes += length + 2;
            state = State.VALUE;
            endCapture();
            elementDone();
            return next + (int) length + 2;
        }
        return next;
    }

    /**
     * A run of bulk strings inside a reply's aggregate that nothing is kept of (the hundreds of
     * elements of an LRANGE), each whole in the buffer: framed in one pass over header and payload,
     * without the general path's line search, second number parse and state changes, and counted
     * off the aggregate once per run. It stops at anything else, which the general path then reads.
     */
    private int plainBulks(byte[] data, int pos, int end) {
        while (depth > 0 && !atFirstTopElement()) {
            long left = remaining[depth - 1];
            int start = pos;
            long taken = 0;
            while (taken < left && pos < end && data[pos] == '$') {
                int digits = pos + 1;
                int i = digits;
                int digitsEnd = Math.min(end, digits + 9); // MAX_BULK has 9 digits
                long length = 0;
                while (i < digitsEnd && data[i] >= '0' && data[i] <= '9') length = length * 10 + data[i++] - '0';
                long after = i + 2L + length + 2;
                if (i == digits || length > MAX_BULK || after > end || data[i] != '\r' || data[i + 1] != '\n'
                        || data[(int) after - 2] != '\r' || data[(int) after - 1] != '\n') {
                    break;
                }
                pos = (int) after;
                taken++;
            }
            if (taken == 0) break;
            wireBytes += pos - start;
            remaining[depth - 1] = left - taken + 1; // the last one completes through elementDone
            elementDone();
        }
        return pos;
    }

    private int aggregate(byte type, byte[] data, int from, int to, int next) {
        int pos = from - 1;
        if (to - from == 1 && data[from] == '?') return malformed(RedisCounter.STREAMED, pos);
        long count = RedisText.parseLong(data, from, to);
        if (count < -1 || count > MAX_COUNT || count == -1 && type != '*') {
            return malformed(RedisCounter.BAD_LENGTH, pos);
        }
        if (count > 0 && depth == MAX_DEPTH) return malformed(RedisCounter.TOO_DEEP, pos);
        if (type != '|') startElement(type);
        wireBytes += next - pos;
        if (type == '%' || type == '|') count *= 2;
        if (count <= 0) {
            if (type != '|') elementDone();
            return next;
        }
        if (depth == 0 && type != '|') topTotal = count;
        if (depth == remaining.length) {
            remaining = Arrays.copyOf(remaining, Math.min(depth * 2, MAX_DEPTH));
            attribute = Arrays.copyOf(attribute, remaining.length);
        }
        remaining[depth] = count;
        attribute[depth] = type == '|';
        depth++;
        return next;
    }

    private int inline(byte[] data, int pos, int to, int next) {
        wireBytes += next - pos;
        topType = '*';
        int i = pos;
        while (i < to) {
            while (i < to && (data[i] == ' ' || data[i] == '\t')) i++;
            if (i >= to) break;
            int start = i;
            while (i < to && data[i] != ' ' && data[i] != '\t') i++;
            argCount++;
            if (argsKept < MAX_ARGS && capturedLength < budget) {
                startCapture(Capture.ARG, budget);
                append(data, start, i - start);
                endCapture();
            }
        }
        complete();
        return next;
    }

    private int bulk(byte[] data, int pos, int end) {
        int n = (int) Math.min(end - pos, bulkLeft);
        if (capture != Capture.NONE) append(data, pos, n);
        bulkLeft -= n;
        wireBytes += n;
        if (bulkLeft == 0) state = State.BULK_CR;
        return pos + n;
    }

    private int bulkEnd(byte[] data, int pos) {
        byte b = data[pos];
        if (state == State.BULK_CR) {
            if (b != '\r') return malformed(RedisCounter.BAD_BULK_END, pos);
            state = State.BULK_LF;
            wireBytes++;
            return pos + 1;
        }
        if (b != '\n') return malformed(RedisCounter.BAD_BULK_END, pos);
        wireBytes++;
        state = State.VALUE;
        endCapture();
        elementDone();
        return pos + 1;
    }

    /** A value begins at the current depth. */
    private void startElement(byte type) {
        if (depth == 0) {
            topType = type;
        } else if (client && depth == 1 && !attribute[0] && type != '$') {
            commandShape = false;
        }
    }

    private boolean atFirstTopElement() {
        return depth == 1 && !attribute[0] && remaining[0] == topTotal && (topType == '*' || topType == '>');
    }

    private void elementDone() {
        while (true) {
            if (depth == 0) {
                complete();
                return;
            }
            if (--remaining[depth - 1] > 0) return;
            boolean wasAttribute = attribute[depth - 1];
            depth--;
            if (wasAttribute) return; // the value it annotates follows
        }
    }

    private void complete() {
        synced = true;
        if (reported) {
            reported = false;
        } else if (!client) {
            message = new RedisMessage.Reply(topType, error, firstElement, wireBytes);
        } else if (topType == '*' && commandShape && argsKept > 0) {
            message = new RedisMessage.Command(captured, argEnds, argsKept, argCount, wireBytes);
        } else {
            counters.increment(RedisCounter.NOT_A_COMMAND);
        }
        resetValue();
    }

    private void startCapture(Capture kind, int limit) {
        capture = kind;
        captureLimit = limit;
        if (kind != Capture.ARG) capturedLength = 0;
        else if (argsKept > 0) append(SPACE, 0, 1); // arguments are kept as the line a call log shows
        captureStart = capturedLength;
    }

    private void append(byte[] data, int pos, int n) {
        int room = Math.min(n, captureLimit - capturedLength);
        if (room <= 0) return;
        if (capturedLength + room > captured.length) {
            byte[] bigger = new byte[Math.max(capturedLength + room, captured.length * 2)];
            System.arraycopy(captured, 0, bigger, 0, capturedLength);
            captured = bigger;
        }
        System.arraycopy(data, pos, captured, capturedLength, room);
        capturedLength += room;
    }

    private void endCapture() {
        switch (capture) {
            case ARG -> {
                if (argsKept == argEnds.length) argEnds = Arrays.copyOf(argEnds, Math.min(argsKept * 2, MAX_ARGS));
                argEnds[argsKept++] = capturedLength;
            }
            case ERROR -> error = RedisText.string(captured, 0, capturedLength);
            case FIRST -> firstElement = RedisText.string(captured, captureStart, capturedLength - captureStart);
            case NONE -> { }
        }
        capture = Capture.NONE;
    }

    private int malformed(RedisCounter reason, int pos) {
        if (synced) counters.increment(reason);
        hunt();
        return pos;
    }

    private void hunt() {
        state = State.HUNTING;
        synced = false;
        lineStart = false;
        resetValue();
    }

    private void resetValue() {
        depth = 0;
        topType = 0;
        topTotal = 0;
        commandShape = true;
        wireBytes = 0;
        bulkLeft = 0;
        capture = Capture.NONE;
        capturedLength = 0;
        argsKept = 0;
        argCount = 0;
        error = null;
        firstElement = null;
        reported = false;
        if (captured.length > 4 * budget + 1024) captured = new byte[128];
    }

    private static boolean isLetter(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
    }
}
