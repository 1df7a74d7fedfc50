package io.wirespan.engine.protocol.mysql;

/**
 * Renders the parameters of a COM_STMT_EXECUTE (Binary Protocol Value) as DeepFlow does: integers as
 * {@code LongLong(12)}, strings as themselves, joined by {@code " , "}.
 */
final class MysqlExecute {
    static final int TINY = 0x01, SHORT = 0x02, LONG = 0x03, FLOAT = 0x04, DOUBLE = 0x05, NULL = 0x06,
            TIMESTAMP = 0x07, LONGLONG = 0x08, INT24 = 0x09, DATE = 0x0a, TIME = 0x0b, DATETIME = 0x0c, YEAR = 0x0d;

    private MysqlExecute() {}

    /**
     * @param b the command packet's payload, from the command byte
     * @param params the statement's parameter count (from its PREPARE_OK)
     * @param types the types bound by an earlier execute of the statement, or null; updated in place when
     *     this packet binds new ones
     * @return the rendering, or null when the packet does not fit the count
     */
    static String render(byte[] b, int from, int end, int params, int[] types) {
        if (params <= 0 || params > 4096 || types == null || types.length != params) return null;
        int i = from + 10; // command, statement id, flags, iteration count
        int bitmap = i;
        i += (params + 7) / 8;
        if (i >= end) return null;
        boolean bound = b[i++] == 1;
        if (bound) {
            if (i + 2L * params > end) return null;
            for (int p = 0; p < params; p++) types[p] = b[i + 2 * p] & 0xFF;
            i += 2 * params;
        } else if (types[0] < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < params; p++) {
            if (p > 0) out.append(" , ");
            if ((b[bitmap + p / 8] & (1 << (p % 8))) != 0) {
                out.append("NULL");
                continue;
            }
            int type = types[p];
            int size = switch (type) {
                case TINY -> 1;
                case SHORT, YEAR -> 2;
                case LONG, INT24, FLOAT -> 4;
                case LONGLONG, DOUBLE -> 8;
                case NULL -> 0;
                case TIMESTAMP, DATE, DATETIME, TIME -> i < end ? 1 + (b[i] & 0xFF) : -1;
                default -> i < end && MysqlWire.lenencSize(b, i) > 0 && i + MysqlWire.lenencSize(b, i) <= end
                        ? (int) Math.min(Integer.MAX_VALUE, MysqlWire.lenencSize(b, i) + MysqlWire.lenenc(b, i)) : -1;
            };
            if (size < 0 || i + size > end) return out.length() == 0 ? null : out.toString();
            switch (type) {
                case TINY -> out.append("Tiny(").append(b[i]).append(')');
                case SHORT, YEAR -> out.append("Short(").append((short) MysqlWire.u16(b, i)).append(')');
                case LONG, INT24 -> out.append("Long(").append((int) MysqlWire.u32(b, i)).append(')');
                case LONGLONG -> out.append("LongLong(").append(MysqlWire.u64(b, i)).append(')');
                case FLOAT -> out.append("Float(").append(Float.intBitsToFloat((int) MysqlWire.u32(b, i))).append(')');
                case DOUBLE -> out.append("Double(").append(Double.longBitsToDouble(MysqlWire.u64(b, i))).append(')');
                case NULL -> out.append("NULL");
                case TIMESTAMP, DATE, DATETIME -> dateTime(out, b, i + 1, size - 1);
                case TIME -> time(out, b, i + 1, size - 1);
                default -> {
                    int prefix = MysqlWire.lenencSize(b, i);
                    out.append(MysqlWire.text(b, i + prefix, i + size));
                }
            }
            i += size;
        }
        return out.toString();
    }

    private static void dateTime(StringBuilder out, byte[] b, int i, int n) {
        if (n < 4) {
            out.append("0000-00-00 00:00:00");
            return;
        }
        pad(out, MysqlWire.u16(b, i), 4).append('-');
        pad(out, b[i + 2] & 0xFF, 2).append('-');
        pad(out, b[i + 3] & 0xFF, 2);
        if (n >= 7) {
            out.append(' ');
            pad(out, b[i + 4] & 0xFF, 2).append(':');
            pad(out, b[i + 5] & 0xFF, 2).append(':');
            pad(out, b[i + 6] & 0xFF, 2);
        }
        if (n >= 11) pad(out.append('.'), MysqlWire.u32(b, i + 7), 6);
    }

    private static void time(StringBuilder out, byte[] b, int i, int n) {
        if (n < 8) {
            out.append("00:00:00");
            return;
        }
        if (b[i] == 1) out.append('-');
        long days = MysqlWire.u32(b, i + 1);
        pad(out, days * 24 + (b[i + 5] & 0xFF), 2).append(':');
        pad(out, b[i + 6] & 0xFF, 2).append(':');
        pad(out, b[i + 7] & 0xFF, 2);
        if (n >= 12) pad(out.append('.'), MysqlWire.u32(b, i + 8), 6);
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String s = Long.toString(value);
        for (int k = s.length(); k < width; k++) out.append('0');
        return out.append(s);
    }
}
