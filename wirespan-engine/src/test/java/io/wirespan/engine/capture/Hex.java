package io.wirespan.engine.capture;

import java.util.HexFormat;

/** Test bytes written as hex with a comment per field: {@code "0a0d0d0a  # block type"}. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String annotatedHex) {
        StringBuilder digits = new StringBuilder();
        for (String line : annotatedHex.split("\n")) {
            int comment = line.indexOf('#');
            String code = comment < 0 ? line : line.substring(0, comment);
            digits.append(code.replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    static byte[] concat(String... annotatedHex) {
        return bytes(String.join("\n", annotatedHex));
    }

    static String of(byte[] bytes, int offset, int length) {
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }
}
