package io.wirespan.engine.protocol.http;

import io.wirespan.engine.protocol.ParserCounters;

import static io.wirespan.engine.protocol.http.HttpSyntax.CR;
import static io.wirespan.engine.protocol.http.HttpSyntax.LF;

/**
 * Frames one direction of an HTTP/1 connection (RFC 9112): start line, header lines, then the body
 * as the head says. Resumable: {@link #parse} consumes whole lines and body bytes as they come and
 * returns when a line is incomplete, so the engine keeps the partial line and offers it again. The
 * meaning of lines is the {@link Listener}'s; this class knows syntax, limits and recovery.
 */
final class HttpFramer {
    /** {@link Listener#headEnd} answers besides a length: chunked body, body until the close, no more HTTP/1. */
    static final long CHUNKED = -1, UNTIL_CLOSE = -2, SWITCH = -3;

    static final int MAX_START_LINE = 16 * 1024;
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEAD = 64 * 1024;

    /** What one direction's messages report, in order: a start line, headers, the head's end, body, end. */
    interface Listener {
        /** A whole start line without its line break; false if it does not parse (the line is skipped). */
        boolean startLine(byte[] b, int from, int to);

        /** One header field line, name and value trimmed. */
        void header(byte[] b, int nameFrom, int nameTo, int valueFrom, int valueTo);

        /** The empty line after the headers; the head took {@code headBytes}. Returns how the body is delimited. */
        long headEnd(int headBytes);

        /** Bytes of the body consumed (chunk framing and trailers included). */
        void bodyBytes(int count);

        /** The body (or the bodiless message) is complete. */
        void messageEnd();

        /** The head in progress is dropped: a gap, a limit, a malformed line. */
        void abort();
    }

    private enum State {
        /** At a line start, expecting a start line (empty lines before it are skipped, RFC 9112 §2.2). */
        START_LINE,
        HEADERS,
        BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        /** The CRLF after a chunk's data. */
        CHUNK_END,
        TRAILERS,
        UNTIL_CLOSE,
        /** Skipping to the next line start: garbage, a gap, a capture that began mid-message. */
        RESYNC,
        /** The connection left HTTP/1 (101, CONNECT tunnel): nothing more is consumed. */
        SWITCHED
    }

    private final boolean requests;
    private final Listener listener;
    private final ParserCounters<HttpCounter> counters;
    private State state = State.START_LINE;
    private long remaining;
    private int headBytes;
    /** True while skipping one run of garbage, so the run counts as one resync. */
    private boolean skipping;

    HttpFramer(boolean requests, Listener listener, ParserCounters<HttpCounter> counters) {
        this.requests = requests;
        this.listener = listener;
        this.counters = counters;
    }

    /** True while a start line was read and its head is not complete. */
    boolean inHead() {
        return state == State.HEADERS;
    }

    /** Bytes of the head read so far (start line included). */
    int headBytes() {
        return headBytes;
    }

    /** Consumes what it can of {@code b[offset..offset+length)}; returns the count. */
    int parse(byte[] b, int offset, int length) {
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int next = switch (state) {
                case START_LINE -> startLine(b, pos, end);
                case HEADERS -> headerLine(b, pos, end);
                case BODY -> body(pos, end);
                case CHUNK_SIZE -> chunkSize(b, pos, end);
                case CHUNK_DATA -> chunkData(pos, end);
                case CHUNK_END -> chunkEnd(b, pos, end);
                case TRAILERS -> trailer(b, pos, end);
                case UNTIL_CLOSE -> {
                    listener.bodyBytes(end - pos);
                    yield end;
                }
                case RESYNC -> resync(b, pos, end);
                case SWITCHED -> -1;
            };
            if (next < 0) break;
            pos = next;
        }
        return pos - offset;
    }

    /**
     * Bytes were lost. A gap inside a body of known length only shortens it; anywhere else the
     * message in progress is dropped and the framer looks for the next start line.
     */
    void onGap(int missingBytes) {
        counters.increment(HttpCounter.GAPS);
        skipping = false;
        switch (state) {
            case BODY, CHUNK_DATA -> {
                if (missingBytes < remaining) {
                    remaining -= missingBytes;
                } else if (missingBytes == remaining && state == State.CHUNK_DATA) {
                    remaining = 0;
                    state = State.CHUNK_END;
                } else if (missingBytes == remaining) {
                    endMessage();
                } else {
                    counters.increment(HttpCounter.GAPS_ACROSS_MESSAGES);
                    endMessage();
                }
            }
            case CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                counters.increment(HttpCounter.GAPS_ACROSS_MESSAGES);
                endMessage();
            }
            case HEADERS -> {
                counters.increment(HttpCounter.DROPPED_HEADS);
                listener.abort();
                state = State.START_LINE;
            }
            case START_LINE, RESYNC -> state = State.START_LINE;
            case UNTIL_CLOSE, SWITCHED -> { }
        }
    }

    private int startLine(byte[] b, int pos, int end) {
        byte first = b[pos];
        if (first == LF) return pos + 1;
        if (first == CR) {
            if (pos + 1 == end) return -1;
            if (b[pos + 1] == LF) return pos + 2;
            return garbage(pos);
        }
        int prefix = HttpSyntax.startLinePrefix(b, pos, end, requests);
        if (prefix == HttpSyntax.NO) return garbage(pos);
        if (prefix == HttpSyntax.NEED_MORE) return -1;
        int lf = HttpSyntax.indexOfLf(b, pos, Math.min(end, pos + MAX_START_LINE));
        if (lf < 0) {
            if (end - pos < MAX_START_LINE) return -1;
            counters.increment(HttpCounter.LINES_TOO_LONG);
            return garbage(pos);
        }
        if (!listener.startLine(b, pos, HttpSyntax.lineEnd(b, pos, lf))) {
            counters.increment(HttpCounter.BAD_START_LINES);
            return garbage(pos);
        }
        skipping = false;
        headBytes = lf + 1 - pos;
        state = State.HEADERS;
        return lf + 1;
    }

    private int headerLine(byte[] b, int pos, int end) {
        int lf = HttpSyntax.indexOfLf(b, pos, Math.min(end, pos + MAX_LINE));
        if (lf < 0) {
            if (end - pos < MAX_LINE) return -1;
            counters.increment(HttpCounter.LINES_TOO_LONG);
            return dropHead(pos);
        }
        headBytes += lf + 1 - pos;
        if (headBytes > MAX_HEAD) {
            counters.increment(HttpCounter.HEADS_TOO_LARGE);
            return dropHead(pos);
        }
        int lineEnd = HttpSyntax.lineEnd(b, pos, lf);
        if (lineEnd == pos) {
            headEnd(listener.headEnd(headBytes));
        } else if (HttpSyntax.isWhitespace(b[pos])) {
            counters.increment(HttpCounter.OBSOLETE_FOLDS); // obs-fold (RFC 9112 §5.2): a continuation, not a field
        } else {
            fieldLine(b, pos, lineEnd);
        }
        return lf + 1;
    }

    private void fieldLine(byte[] b, int from, int to) {
        int colon = from;
        while (colon < to && b[colon] != ':') colon++;
        int nameEnd = HttpSyntax.trimEnd(b, from, colon);
        if (colon == to || nameEnd == from) {
            counters.increment(HttpCounter.BAD_HEADER_LINES);
            return;
        }
        int valueFrom = HttpSyntax.skipWhitespace(b, colon + 1, to);
        listener.header(b, from, nameEnd, valueFrom, HttpSyntax.trimEnd(b, valueFrom, to));
    }

    private void headEnd(long body) {
        if (body == SWITCH) {
            state = State.SWITCHED;
        } else if (body == CHUNKED) {
            state = State.CHUNK_SIZE;
        } else if (body == UNTIL_CLOSE) {
            state = State.UNTIL_CLOSE;
        } else if (body > 0) {
            remaining = body;
            state = State.BODY;
        } else {
            endMessage();
        }
    }

    private int body(int pos, int end) {
        int n = (int) Math.min(remaining, end - pos);
        remaining -= n;
        listener.bodyBytes(n);
        if (remaining == 0) endMessage();
        return pos + n;
    }

    /** chunk-size [ chunk-ext ] CRLF (RFC 9112 §7.1): hex digits, then whitespace or extensions. */
    private int chunkSize(byte[] b, int pos, int end) {
        int lf = HttpSyntax.indexOfLf(b, pos, Math.min(end, pos + MAX_LINE));
        if (lf < 0) {
            if (end - pos < MAX_LINE) return -1;
            counters.increment(HttpCounter.LINES_TOO_LONG);
            return abandonBody(pos);
        }
        int lineEnd = HttpSyntax.lineEnd(b, pos, lf);
        long size = 0;
        int i = pos;
        for (int d; i < lineEnd && (d = HttpSyntax.hexDigit(b[i])) >= 0; i++) {
            if (size >= 1L << 56) return badChunk(pos);
            size = size << 4 | d;
        }
        if (i == pos) return badChunk(pos);
        i = HttpSyntax.skipWhitespace(b, i, lineEnd);
        if (i < lineEnd && b[i] != ';') return badChunk(pos);
        listener.bodyBytes(lf + 1 - pos);
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
        return lf + 1;
    }

    private int chunkData(int pos, int end) {
        int n = (int) Math.min(remaining, end - pos);
        remaining -= n;
        listener.bodyBytes(n);
        if (remaining == 0) state = State.CHUNK_END;
        return pos + n;
    }

    private int chunkEnd(byte[] b, int pos, int end) {
        int n;
        if (b[pos] == LF) {
            n = 1;
        } else if (b[pos] == CR) {
            if (pos + 1 == end) return -1;
            if (b[pos + 1] != LF) return badChunk(pos);
            n = 2;
        } else {
            return badChunk(pos);
        }
        listener.bodyBytes(n);
        state = State.CHUNK_SIZE;
        return pos + n;
    }

    /** trailer-section: field lines up to an empty line; read past, as the message was already reported. */
    private int trailer(byte[] b, int pos, int end) {
        int lf = HttpSyntax.indexOfLf(b, pos, Math.min(end, pos + MAX_LINE));
        if (lf < 0) {
            if (end - pos < MAX_LINE) return -1;
            counters.increment(HttpCounter.LINES_TOO_LONG);
            return abandonBody(pos);
        }
        listener.bodyBytes(lf + 1 - pos);
        if (HttpSyntax.lineEnd(b, pos, lf) == pos) endMessage();
        return lf + 1;
    }

    private int resync(byte[] b, int pos, int end) {
        int lf = HttpSyntax.indexOfLf(b, pos, end);
        int next = lf < 0 ? end : lf + 1;
        counters.add(HttpCounter.RESYNC_SKIPPED_BYTES, next - pos);
        if (lf >= 0) state = State.START_LINE;
        return next;
    }

    private int badChunk(int pos) {
        counters.increment(HttpCounter.BAD_CHUNKS);
        return abandonBody(pos);
    }

    /** The body cannot be followed further: the message (already reported) ends here. */
    private int abandonBody(int pos) {
        listener.messageEnd();
        return garbage(pos);
    }

    private int dropHead(int pos) {
        counters.increment(HttpCounter.DROPPED_HEADS);
        listener.abort();
        return garbage(pos);
    }

    /** Enters RESYNC at {@code pos} without consuming: the line there is skipped and counted. */
    private int garbage(int pos) {
        if (!skipping) {
            counters.increment(HttpCounter.RESYNCS);
            skipping = true;
        }
        state = State.RESYNC;
        return pos;
    }

    private void endMessage() {
        state = State.START_LINE;
        listener.messageEnd();
    }
}
