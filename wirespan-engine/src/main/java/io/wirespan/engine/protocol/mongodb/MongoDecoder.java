package io.wirespan.engine.protocol.mongodb;

import io.wirespan.api.ResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes one message from its header and as much of its body as is in view. A message need not be
 * whole: once its first document (the command, query or reply) is in view it is decoded, and the
 * rest may be skipped as it arrives. After {@link #decode}, exactly one of: a message, {@link
 * #needMore()}, or a {@link #problem()}.
 */
final class MongoDecoder {
    /** Most bytes an OP_COMPRESSED body is inflated to: enough for the first document we keep. */
    static final int MAX_DECOMPRESSED = 256 * 1024;
    private static final String[] COMPRESSORS = {"noop", "snappy", "zlib", "zstd"};

    private final StringBuilder text = new StringBuilder(256);
    private final Inflater inflater = new Inflater();
    private MongoCounter problem;
    private boolean needMore;
    private int limit;

    MongoCounter problem() {
        return problem;
    }

    boolean needMore() {
        return needMore;
    }

    /**
     * @param at where the header starts; {@code [at, at + visible)} is readable
     * @param messageLength the header's messageLength (checked by {@link MongoWire#isHeader})
     * @param limit the most characters of a rendered document ({@code payload_truncation})
     * @return the message, or null when more bytes are needed or it is malformed
     */
    MongoMessage decode(byte[] b, int at, int visible, int messageLength, int limit) {
        problem = null;
        needMore = false;
        this.limit = limit;
        return decode(b, at, visible, messageLength, null, messageLength);
    }

    private MongoMessage decode(byte[] b, int at, int visible, int messageLength, String compressor, int wireLength) {
        int opcode = MongoWire.opcode(b, at);
        int requestId = MongoWire.requestId(b, at);
        int responseTo = MongoWire.responseTo(b, at);
        boolean complete = visible >= messageLength;
        int end = at + Math.min(visible, messageLength);
        int msgEnd = at + messageLength; // may lie beyond the view: only compared, never read
        Body body = new Body(b, end, msgEnd, complete);
        int p = at + MongoWire.HEADER_LENGTH;
        MongoOpcode op = new MongoOpcode(opcode);
        boolean reply = MongoMessage.isReply(op, responseTo);
        return switch (opcode) {
            case 2013 -> opMsg(body, p, op, requestId, responseTo, reply, compressor, wireLength);
            case 2012 -> compressor != null ? fail(MongoCounter.BAD_COMPRESSED)
                    : opCompressed(b, at, body, p, requestId, responseTo, wireLength);
            case 1 -> {
                // responseFlags, cursorID, startingFrom, numberReturned, documents
                if (!body.has(p, 20)) yield null;
                int flags = MongoWire.i32(b, p);
                int numberReturned = MongoWire.i32(b, p + 16);
                int doc = numberReturned > 0 ? body.document(p + 20) : 0;
                if (doc < 0) yield null;
                String failure = (flags & MongoWire.REPLY_QUERY_FAILURE) != 0 ? "QueryFailure" : null;
                yield reply(op, requestId, responseTo, doc == 0 ? -1 : p + 20, doc, b, failure, compressor, wireLength);
            }
            case 2004, 2002 -> {
                // OP_QUERY: flags, fullCollectionName, numberToSkip, numberToReturn, query
                // OP_INSERT: flags, fullCollectionName, documents
                if (!body.has(p, 4)) yield null;
                int q = body.cstring(p + 4);
                if (q < 0) yield null;
                if (opcode == 2004) {
                    if (!body.has(q, 8)) yield null;
                    q += 8;
                }
                yield requestWithDocument(body, q, op, requestId, responseTo, compressor, wireLength);
            }
            case 2001, 2006 -> {
                // ZERO, fullCollectionName, flags, selector (then the update for OP_UPDATE)
                if (!body.has(p, 4)) yield null;
                int q = body.cstring(p + 4);
                if (q < 0 || !body.has(q, 4)) yield null;
                yield requestWithDocument(body, q + 4, op, requestId, responseTo, compressor, wireLength);
            }
            case 2005 -> {
                // ZERO, fullCollectionName, numberToReturn, cursorID: the collection is the resource
                if (!body.has(p, 4)) yield null;
                int q = body.cstring(p + 4);
                if (q < 0) yield null;
                String collection = new String(b, p + 4, q - p - 5, StandardCharsets.UTF_8);
                yield new MongoMessage(op, requestId, responseTo, false, truncate(collection), null, null, null, null,
                        compressor, wireLength);
            }
            case 2010 -> {
                // database, commandName, metadata, commandArgs (deprecated since 3.6)
                int q = body.cstring(p);
                if (q < 0) yield null;
                q = body.cstring(q);
                if (q < 0) yield null;
                yield requestWithDocument(body, q, op, requestId, responseTo, compressor, wireLength);
            }
            case 2011 -> {
                int doc = body.document(p);
                if (doc < 0) yield null;
                yield reply(op, requestId, responseTo, p, doc, b, null, compressor, wireLength);
            }
            default -> new MongoMessage(op, requestId, responseTo, reply, null, null, reply ? ResponseStatus.OK : null,
                    null, null, compressor, wireLength); // OP_KILL_CURSORS: cursor ids only
        };
    }

    /** flagBits, then sections: kind 0 one body document, kind 1 size, identifier and documents; optional CRC-32C. */
    private MongoMessage opMsg(Body body, int p, MongoOpcode op, int requestId, int responseTo, boolean reply,
            String compressor, int wireLength) {
        byte[] b = body.b;
        if (!body.has(p, 4)) return null;
        int flags = MongoWire.i32(b, p);
        if ((flags & ~MongoWire.MSG_KNOWN_FLAGS) != 0) return fail(MongoCounter.BAD_BODY);
        int sectionsEnd = body.msgEnd - ((flags & MongoWire.MSG_CHECKSUM_PRESENT) != 0 ? 4 : 0);
        Body sections = new Body(b, Math.min(body.end, sectionsEnd), sectionsEnd, body.complete);
        int bodyAt = -1;
        int bodyLength = 0;
        int[] seqs = new int[8]; // (start, end) of the kind 1 sections whole in view, at most 4
        int seqCount = 0;
        p += 4;
        while (p < sections.end) {
            int kind = b[p];
            if (kind == 0) {
                if (bodyAt >= 0) return fail(MongoCounter.BAD_BODY); // exactly one body
                int length = sections.document(p + 1);
                if (length < 0) return null;
                bodyAt = p + 1;
                bodyLength = length;
                p += 1 + length;
            } else if (kind == 1) {
                if (bodyAt >= 0 && sections.end - p < 5) break; // the body is what matters
                if (!sections.has(p + 1, 4)) return null;
                int size = MongoWire.i32(b, p + 1);
                if (size < 5 || size > sectionsEnd - p - 1) return fail(MongoCounter.BAD_BODY);
                int seqEnd = p + 1 + size;
                if (seqEnd > sections.end) {
                    if (bodyAt >= 0) break; // the body is what matters: the sequence may be skipped
                    needMore = true;
                    return null;
                }
                if (seqCount < 4) {
                    seqs[2 * seqCount] = p + 5;
                    seqs[2 * seqCount + 1] = seqEnd;
                    seqCount++;
                }
                p = seqEnd;
            } else {
                return fail(MongoCounter.BAD_BODY);
            }
        }
        if (bodyAt < 0) {
            if (sections.complete) return fail(MongoCounter.BAD_BODY);
            needMore = true;
            return null;
        }
        if (reply) return reply(op, requestId, responseTo, bodyAt, bodyLength, b, null, compressor, wireLength);
        text.setLength(0);
        boolean whole = MongoBson.appendJson(b, bodyAt, bodyLength, text, limit);
        for (int i = 0; i < seqCount && whole; i++) whole = appendSequence(b, seqs[2 * i], seqs[2 * i + 1]);
        return new MongoMessage(op, requestId, responseTo, false, text.toString(), null, null, null, null, compressor,
                wireLength);
    }

    /**
     * Appends a document sequence to the body's JSON as the field the server makes of it
     * ({@code "documents": [...]}), as the command the server executes reads.
     */
    private boolean appendSequence(byte[] b, int p, int seqEnd) {
        int q = MongoBson.cstringEnd(b, p, seqEnd);
        if (q < 0 || text.isEmpty() || text.charAt(text.length() - 1) != '}') return false;
        text.setLength(text.length() - 1);
        if (text.length() > 1) text.append(", ");
        text.append('"');
        for (int i = p; i < q - 1; i++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7F) text.append((char) c);
        }
        text.append("\": [");
        boolean first = true;
        while (q < seqEnd) {
            int length = MongoBson.validLength(b, q, seqEnd);
            if (length < 0) {
                problem = MongoCounter.BAD_DOCUMENT; // counted; the body is still reported
                break;
            }
            if (!first) text.append(", ");
            first = false;
            if (text.length() >= limit || !MongoBson.appendJson(b, q, length, text, limit)) {
                text.setLength(Math.min(text.length(), limit));
                return false;
            }
            q += length;
        }
        text.append("]}");
        if (text.length() > limit) {
            text.setLength(limit);
            return false;
        }
        return true;
    }

    private MongoMessage requestWithDocument(Body body, int p, MongoOpcode op, int requestId, int responseTo,
            String compressor, int wireLength) {
        int length = body.document(p);
        if (length < 0) return null;
        text.setLength(0);
        MongoBson.appendJson(body.b, p, length, text, limit);
        return new MongoMessage(op, requestId, responseTo, false, text.toString(), null, null, null, null, compressor,
                wireLength);
    }

    /** A reply: {@code ok: 0} or an error message makes it a client error, with {@code code} and the message. */
    private MongoMessage reply(MongoOpcode op, int requestId, int responseTo, int docAt, int docLength, byte[] b,
            String failureFlag, String compressor, int wireLength) {
        String result = null;
        ResponseStatus status = ResponseStatus.OK;
        Integer code = null;
        String exception = null;
        if (docAt >= 0) {
            text.setLength(0);
            MongoBson.appendJson(b, docAt, docLength, text, limit);
            result = text.toString();
            MongoBson.ReplyStatus s = MongoBson.replyStatus(b, docAt, docLength);
            code = s.code();
            if ((s.ok() != null && s.ok() == 0.0) || s.errmsg() != null || failureFlag != null) {
                status = ResponseStatus.CLIENT_ERROR;
                exception = truncate(s.errmsg() != null ? s.errmsg() : failureFlag);
            }
        } else if (failureFlag != null) {
            status = ResponseStatus.CLIENT_ERROR;
            exception = failureFlag;
        }
        return new MongoMessage(op, requestId, responseTo, true, null, result, status, code, exception, compressor,
                wireLength);
    }

    /** originalOpcode, uncompressedSize, compressorId, compressedMessage: decoded as the original message. */
    private MongoMessage opCompressed(byte[] b, int at, Body body, int p, int requestId, int responseTo, int wireLength) {
        if (!body.has(p, 9)) return null;
        int original = MongoWire.i32(b, p);
        int size = MongoWire.i32(b, p + 4);
        int compressorId = b[p + 8];
        if (!MongoOpcode.isKnown(original) || original == 2012 || size < 0
                || size > MongoWire.MAX_MESSAGE_LENGTH - MongoWire.HEADER_LENGTH || compressorId < 0 || compressorId > 3) {
            return fail(MongoCounter.BAD_BODY);
        }
        MongoOpcode op = new MongoOpcode(original);
        String compressor = COMPRESSORS[compressorId];
        if (compressorId == 3) {
            problem = MongoCounter.UNSUPPORTED_COMPRESSOR;
            return MongoMessage.headerOnly(op, requestId, responseTo, compressor, wireLength);
        }
        if (!body.complete) {
            needMore = true;
            return null;
        }
        int from = p + 9;
        int to = body.msgEnd;
        // Never allocate past what the input can expand to (noop 1:1, snappy ~22:1, deflate ~1032:1).
        long expandable = (long) (to - from) * (compressorId == 0 ? 1 : compressorId == 1 ? 22 : 1032);
        byte[] plain = new byte[MongoWire.HEADER_LENGTH + (int) Math.min(Math.min(size, MAX_DECOMPRESSED), expandable)];
        int n = switch (compressorId) {
            case 0 -> {
                int copy = Math.min(to - from, plain.length - MongoWire.HEADER_LENGTH);
                System.arraycopy(b, from, plain, MongoWire.HEADER_LENGTH, copy);
                yield copy;
            }
            case 1 -> snappyInto(b, from, to, plain);
            default -> inflate(b, from, to, plain);
        };
        if (n < 0) return fail(MongoCounter.BAD_COMPRESSED);
        int messageLength = MongoWire.HEADER_LENGTH + size;
        writeHeader(plain, messageLength, requestId, responseTo, original);
        int visible = MongoWire.HEADER_LENGTH + n;
        if (n < plain.length - MongoWire.HEADER_LENGTH || plain.length - MongoWire.HEADER_LENGTH < Math.min(size, MAX_DECOMPRESSED)) {
            return fail(MongoCounter.BAD_COMPRESSED); // shorter than declared
        }
        if (messageLength < MongoWire.HEADER_LENGTH + MongoWire.minBody(original)) return fail(MongoCounter.BAD_BODY);
        MongoMessage message = decode(plain, 0, visible, messageLength, compressor, wireLength);
        if (message == null && needMore) {
            needMore = false;
            problem = MongoCounter.TOO_LARGE;
            return MongoMessage.headerOnly(op, requestId, responseTo, compressor, wireLength);
        }
        return message;
    }

    private static int snappyInto(byte[] b, int from, int to, byte[] plain) {
        byte[] out = new byte[plain.length - MongoWire.HEADER_LENGTH];
        int n = Snappy.decompress(b, from, to, out);
        if (n > 0) System.arraycopy(out, 0, plain, MongoWire.HEADER_LENGTH, n);
        return n;
    }

    private int inflate(byte[] b, int from, int to, byte[] plain) {
        inflater.reset();
        inflater.setInput(b, from, to - from);
        int n = 0;
        int room = plain.length - MongoWire.HEADER_LENGTH;
        try {
            while (n < room) {
                int got = inflater.inflate(plain, MongoWire.HEADER_LENGTH + n, room - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) break;
                n += got;
            }
        } catch (DataFormatException e) {
            return -1;
        }
        return n;
    }

    private static void writeHeader(byte[] h, int length, int requestId, int responseTo, int opcode) {
        int[] values = {length, requestId, responseTo, opcode};
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) h[4 * i + k] = (byte) (values[i] >>> (8 * k));
        }
    }

    private String truncate(String s) {
        return s == null || s.length() <= limit ? s : s.substring(0, limit);
    }

    private MongoMessage fail(MongoCounter reason) {
        problem = reason;
        return null;
    }

    /**
     * The readable part of a body: {@code [.., end)} in view, {@code msgEnd} where the message (or
     * section area) ends. Reads set {@link #needMore} when a field runs past the view but not past
     * the message, and {@link #problem} when it runs past the message.
     */
    private final class Body {
        final byte[] b;
        final int end;
        final int msgEnd;
        final boolean complete;

        Body(byte[] b, int end, int msgEnd, boolean complete) {
            this.b = b;
            this.end = end;
            this.msgEnd = msgEnd;
            this.complete = complete;
        }

        boolean has(int p, int n) {
            if (end - p >= n) return true;
            if (msgEnd - p < n) {
                problem = MongoCounter.BAD_BODY;
            } else {
                needMore = true;
            }
            return false;
        }

        /** The end of the C string at {@code p}, or -1. */
        int cstring(int p) {
            int q = MongoBson.cstringEnd(b, p, end);
            if (q >= 0) return q;
            if (end >= msgEnd) {
                problem = MongoCounter.BAD_BODY;
            } else {
                needMore = true;
            }
            return -1;
        }

        /** The length of the valid document at {@code p}, or -1. */
        int document(int p) {
            if (!has(p, 4)) return -1;
            int declared = MongoWire.i32(b, p);
            if (declared < MongoBson.MIN_DOCUMENT || declared > msgEnd - p) {
                problem = MongoCounter.BAD_DOCUMENT;
                return -1;
            }
            if (declared > end - p) {
                needMore = true;
                return -1;
            }
            int length = MongoBson.validLength(b, p, p + declared);
            if (length < 0) problem = MongoCounter.BAD_DOCUMENT;
            return length;
        }
    }
}
