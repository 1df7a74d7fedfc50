package io.wirespan.engine.protocol.http2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A sink that writes each decoded header as {@code name: value}, and {@code ?} for a placeholder. */
final class HeaderList implements HpackDecoder.Sink {
    final List<String> headers = new ArrayList<>();

    @Override
    public void header(String name, byte[] value, int offset, int length) {
        headers.add(name + ": " + new String(value, offset, length, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void unknownHeader() {
        headers.add("?");
    }

    /** The table, newest first, as {@code name: value} lines. */
    static List<String> table(HpackDecoder decoder) {
        List<String> out = new ArrayList<>();
        HpackDynamicTable t = decoder.table();
        for (int i = 1; i <= t.count(); i++) {
            HpackDynamicTable.Entry e = t.get(i);
            out.add((e.name == null ? "?" : e.name) + ": " + new String(e.value, StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
