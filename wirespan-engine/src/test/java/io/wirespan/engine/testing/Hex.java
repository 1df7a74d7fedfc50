package io.wirespan.engine.testing;

import java.util.HexFormat;

/** Test bytes written as hex, with a {@code #} comment per field: {@code "0a0d0d0a  # block type"}. */
public final class Hex {
    private Hex() {}

    /** The bytes of the parts, one after the other; white space and comments are ignored. */
    public static byte[] bytes(String... annotatedHex) {
        StringBuilder digits = new StringBuilder();
        for (String part : annotatedHex) {
            for (String line : part.split("\n")) {
                int comment = line.indexOf('#');
                String code = comment < 0 ? line : line.substring(0, comment);
                digits.append(code.replaceAll("\\s+", ""));
            }
        }
        return HexFormat.of().parseHex(digits);
    }

    /** {@code length} bytes from {@code offset} as lower-case hex. */
    public static String of(byte[] bytes, int offset, int length) {
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }
}
