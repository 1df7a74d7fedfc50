package io.wirespan.engine.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Multi-byte reads from a byte array in either byte order, as capture headers need. */
final class Bytes {
    private static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = view(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = view(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    static int uint16(byte[] bytes, int index, boolean bigEndian) {
        short value = bigEndian ? (short) SHORT_BE.get(bytes, index) : (short) SHORT_LE.get(bytes, index);
        return value & 0xFFFF;
    }

    static int int32(byte[] bytes, int index, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(bytes, index) : (int) INT_LE.get(bytes, index);
    }

    static long uint32(byte[] bytes, int index, boolean bigEndian) {
        return int32(bytes, index, bigEndian) & 0xFFFF_FFFFL;
    }

    static long int64(byte[] bytes, int index, boolean bigEndian) {
        return bigEndian ? (long) LONG_BE.get(bytes, index) : (long) LONG_LE.get(bytes, index);
    }

    /** For messages: {@code 0x0a0d0d0a}. */
    static String hex32(int value) {
        return String.format("0x%08x", value);
    }

    private static VarHandle view(Class<?> arrayType, ByteOrder order) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, order);
    }
}
