package io.wirespan.engine.protocol.mongodb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The standard message header (wire protocol "Standard Message Header"): four little-endian
 * int32s {@code messageLength, requestID, responseTo, opCode}, then the opcode's body.
 */
final class MongoWire {
    static final int HEADER_LENGTH = 16;
    /** The server's {@code maxMessageSizeBytes} (48 MB): no legitimate message is longer. */
    static final int MAX_MESSAGE_LENGTH = 48_000_000;
    /** OP_MSG flagBits: checksumPresent (bit 0), moreToCome (bit 1), exhaustAllowed (bit 16). */
    static final int MSG_CHECKSUM_PRESENT = 1;
    static final int MSG_KNOWN_FLAGS = 1 | 2 | 1 << 16;
    /** OP_REPLY responseFlags bit 1: QueryFailure, the single document is {@code {$err: ...}}. */
    static final int REPLY_QUERY_FAILURE = 2;

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private MongoWire() {}

    static int i32(byte[] b, int at) {
        return (int) I32.get(b, at);
    }

    static long i64(byte[] b, int at) {
        return (long) I64.get(b, at);
    }

    static int messageLength(byte[] b, int at) {
        return i32(b, at);
    }

    static int requestId(byte[] b, int at) {
        return i32(b, at + 4);
    }

    static int responseTo(byte[] b, int at) {
        return i32(b, at + 8);
    }

    static int opcode(byte[] b, int at) {
        return i32(b, at + 12);
    }

    /** A header with a length in range and a known opcode; {@code [at, at + 16)} must be readable. */
    static boolean isHeader(byte[] b, int at) {
        int length = messageLength(b, at);
        int opcode = opcode(b, at);
        return length >= HEADER_LENGTH + minBody(opcode) && length <= MAX_MESSAGE_LENGTH && MongoOpcode.isKnown(opcode);
    }

    /** The least body an opcode can have: its fixed fields plus an empty document or name. */
    static int minBody(int opcode) {
        return switch (opcode) {
            case 1 -> 20;            // responseFlags, cursorID, startingFrom, numberReturned
            case 2013 -> 4 + 1 + 5;  // flagBits, kind 0, empty document
            case 2004 -> 4 + 1 + 8 + 5; // flags, "" collection, skip, return, empty query
            case 2012 -> 9;          // originalOpcode, uncompressedSize, compressorId
            case 2007 -> 8;          // ZERO, numberOfCursorIDs
            default -> 5;
        };
    }

    /**
     * Plausibility of what follows the header, from the bytes in view only (up to {@code end}):
     * used by {@code check} and while hunting for a frame start, where a header alone is weak.
     */
    static boolean isPlausibleBody(byte[] b, int at, int end) {
        int opcode = opcode(b, at);
        int body = at + HEADER_LENGTH;
        int length = messageLength(b, at);
        switch (opcode) {
            case 2013 -> {
                if (end - body < 5) return true;
                int flags = i32(b, body);
                if ((flags & ~MSG_KNOWN_FLAGS) != 0) return false;
                int kind = b[body + 4];
                if (kind != 0 && kind != 1) return false;
                if (end - body < 9) return true;
                int size = i32(b, body + 5);
                return size >= (kind == 0 ? 5 : 6) && size <= length - HEADER_LENGTH - 5;
            }
            case 2004 -> {
                if (end - body < 4) return true;
                return (i32(b, body) & ~0xFE) == 0; // bits 1..7 only, bit 0 reserved
            }
            case 1 -> {
                if (end - body < 4) return true;
                return (i32(b, body) & ~0xF) == 0;
            }
            case 2012 -> {
                if (end - body < 9) return true;
                int original = i32(b, body);
                int size = i32(b, body + 4);
                int compressor = b[body + 8];
                return original != 2012 && MongoOpcode.isKnown(original) && size >= 0 && size <= MAX_MESSAGE_LENGTH
                        && compressor >= 0 && compressor <= 3;
            }
            default -> {
                return true;
            }
        }
    }
}
