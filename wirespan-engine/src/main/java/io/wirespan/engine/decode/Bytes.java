package io.wirespan.engine.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Network-order reads straight from a byte[]. Callers check {@code index + width <= end} first:
 * these methods trust the index (the VarHandle still guards the array bounds).
 */
final class Bytes {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return (short) SHORT.get(b, i) & 0xFFFF;
    }

    static int i32(byte[] b, int i) {
        return (int) INT.get(b, i);
    }

    static long i64(byte[] b, int i) {
        return (long) LONG.get(b, i);
    }
}
