package io.wirespan.engine.decode;

import java.util.HexFormat;

/** Hex text blocks with a {@code #} comment per field. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String... parts) {
        StringBuilder digits = new StringBuilder();
        for (String part : parts) {
            for (String line : part.split("\n")) {
                int comment = line.indexOf('#');
                String data = comment >= 0 ? line.substring(0, comment) : line;
                for (int i = 0; i < data.length(); i++) {
                    char c = data.charAt(i);
                    if (!Character.isWhitespace(c)) digits.append(c);
                }
            }
        }
        return HexFormat.of().parseHex(digits);
    }
}
