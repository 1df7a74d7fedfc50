package io.wirespan.engine.protocol.mongodb;

import java.io.Writer;
import java.nio.ByteBuffer;
import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriter;
import org.bson.json.JsonWriterSettings;

/**
 * BSON documents (bsonspec.org 1.1) as the parser needs them. A document's lengths come from the
 * wire and are never trusted: {@link #validLength} walks every element, bounded in nesting depth,
 * before {@code org.bson} is given the bytes, and whatever {@code org.bson} throws anyway is caught
 * and reported as a bad document.
 */
final class MongoBson {
    static final int MIN_DOCUMENT = 5;
    /** Nesting deeper than this is refused (the server allows 100 levels; this bounds our recursion). */
    static final int MAX_DEPTH = 128;

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private MongoBson() {}

    /**
     * The length of the well-formed document at {@code at}, or -1 when it does not fit in
     * {@code [at, end)} or is malformed (bad lengths, unknown element type, missing terminators,
     * nesting past {@link #MAX_DEPTH}).
     */
    static int validLength(byte[] b, int at, int end) {
        if (end - at < MIN_DOCUMENT) return -1;
        int length = MongoWire.i32(b, at);
        if (length < MIN_DOCUMENT || length > end - at) return -1;
        return validDocument(b, at, at + length, 0) ? length : -1;
    }

    /** A document filling exactly {@code [at, docEnd)}. */
    private static boolean validDocument(byte[] b, int at, int docEnd, int depth) {
        if (depth > MAX_DEPTH || b[docEnd - 1] != 0) return false;
        int p = at + 4;
        int last = docEnd - 1;
        while (p < last) {
            int type = b[p++] & 0xFF;
            p = cstringEnd(b, p, last);
            if (p < 0) return false;
            p = valueEnd(b, type, p, last, depth);
            if (p < 0) return false;
        }
        return p == last;
    }

    /** Where the value of {@code type} at {@code p} ends, or -1. */
    private static int valueEnd(byte[] b, int type, int p, int end, int depth) {
        return switch (type) {
            case 0x01, 0x09, 0x11, 0x12 -> fixed(p, 8, end);
            case 0x02, 0x0D, 0x0E -> stringEnd(b, p, end);
            case 0x03, 0x04 -> {
                if (end - p < MIN_DOCUMENT) yield -1;
                int length = MongoWire.i32(b, p);
                if (length < MIN_DOCUMENT || length > end - p) yield -1;
                yield validDocument(b, p, p + length, depth + 1) ? p + length : -1;
            }
            case 0x05 -> {
                if (end - p < 5) yield -1;
                int length = MongoWire.i32(b, p);
                yield length < 0 || length > end - p - 5 ? -1 : p + 5 + length;
            }
            case 0x06, 0x0A, 0x7F, 0xFF -> p;
            case 0x07 -> fixed(p, 12, end);
            case 0x08 -> p < end && (b[p] == 0 || b[p] == 1) ? p + 1 : -1;
            case 0x0B -> {
                int q = cstringEnd(b, p, end);
                yield q < 0 ? -1 : cstringEnd(b, q, end);
            }
            case 0x0C -> {
                int q = stringEnd(b, p, end);
                yield q < 0 ? -1 : fixed(q, 12, end);
            }
            case 0x0F -> {
                if (end - p < 4) yield -1;
                int total = MongoWire.i32(b, p);
                if (total < 4 + 5 + 5 || total > end - p) yield -1;
                int q = stringEnd(b, p + 4, p + total);
                if (q < 0 || p + total - q < MIN_DOCUMENT || MongoWire.i32(b, q) != p + total - q) yield -1;
                yield validDocument(b, q, p + total, depth + 1) ? p + total : -1;
            }
            case 0x10 -> fixed(p, 4, end);
            case 0x13 -> fixed(p, 16, end);
            default -> -1;
        };
    }

    private static int fixed(int p, int size, int end) {
        return end - p >= size ? p + size : -1;
    }

    /** int32 byte count (including the terminating NUL) then the bytes. */
    private static int stringEnd(byte[] b, int p, int end) {
        if (end - p < 4) return -1;
        int length = MongoWire.i32(b, p);
        if (length < 1 || length > end - p - 4 || b[p + 4 + length - 1] != 0) return -1;
        return p + 4 + length;
    }

    /** The position after the NUL of the C string at {@code p}, or -1 when there is none before {@code end}. */
    static int cstringEnd(byte[] b, int p, int end) {
        for (int i = p; i < end; i++) {
            if (b[i] == 0) return i + 1;
        }
        return -1;
    }

    /**
     * Appends the validated document as relaxed Extended JSON, as {@code Document.toJson()} prints
     * it with {@link JsonMode#RELAXED}, stopping at {@code limit} characters of {@code out}.
     *
     * @return false when the output was cut at the limit or the library refused the document
     */
    static boolean appendJson(byte[] b, int at, int length, StringBuilder out, int limit) {
        int mark = out.length();
        BoundedWriter writer = new BoundedWriter(out, limit);
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(b, at, length).slice())) {
            new JsonWriter(writer, RELAXED).pipe(reader);
            return true;
        } catch (BoundedWriter.Full full) {
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            out.setLength(mark); // org.bson refused what validLength accepted: print nothing of it
            return false;
        }
    }

    /**
     * The top-level fields a reply's status is read from ({@code ok}, {@code errmsg}, {@code $err},
     * {@code code}); null fields were absent or of another type.
     */
    record ReplyStatus(Double ok, String errmsg, Integer code) {
        static final ReplyStatus NONE = new ReplyStatus(null, null, null);
    }

    static ReplyStatus replyStatus(byte[] b, int at, int length) {
        try {
            BsonDocument doc = new RawBsonDocument(b, at, length);
            BsonValue ok = doc.get("ok");
            BsonValue errmsg = doc.get("errmsg");
            if (errmsg == null) errmsg = doc.get("$err");
            BsonValue code = doc.get("code");
            Double okValue = null; // not a ternary: its numeric promotion would unbox a null
            if (ok != null && ok.isNumber()) okValue = ok.asNumber().doubleValue();
            if (ok != null && ok.isBoolean()) okValue = ok.asBoolean().getValue() ? 1.0 : 0.0;
            return new ReplyStatus(
                    okValue,
                    errmsg != null && errmsg.isString() ? errmsg.asString().getValue() : null,
                    code != null && code.isNumber() ? code.asNumber().intValue() : null);
        } catch (RuntimeException e) {
            return ReplyStatus.NONE;
        }
    }

    /** A writer into a StringBuilder that stops the JSON writer, cheaply, once the limit is reached. */
    private static final class BoundedWriter extends Writer {
        /** Stackless: thrown once per truncated document. */
        static final class Full extends RuntimeException {
            Full() {
                super("limit", null, false, false);
            }
        }

        private static final Full FULL = new Full();
        private final StringBuilder out;
        private final int limit;

        BoundedWriter(StringBuilder out, int limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            int room = limit - out.length();
            if (len > room) {
                if (room > 0) out.append(chars, off, room);
                throw FULL;
            }
            out.append(chars, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            int room = limit - out.length();
            if (len > room) {
                if (room > 0) out.append(s, off, off + room);
                throw FULL;
            }
            out.append(s, off, off + len);
        }

        @Override
        public void write(int c) {
            if (out.length() >= limit) throw FULL;
            out.append((char) c);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
