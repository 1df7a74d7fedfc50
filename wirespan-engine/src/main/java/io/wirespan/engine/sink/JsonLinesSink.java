package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;
import java.io.IOException;
import java.io.Writer;

/** One call log per line, as call-log.md specifies: the machine-readable output of {@code parse}. */
public final class JsonLinesSink implements CallLogSink {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(1024);
    private char[] chars = new char[1024];

    public JsonLinesSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(CallLog log) throws IOException {
        line.setLength(0);
        CallLogJson.append(line, log);
        line.append('\n');
        // Writer.append(CharSequence) would make a String of every line
        if (chars.length < line.length()) chars = new char[Math.max(line.length(), chars.length * 2)];
        line.getChars(0, line.length(), chars, 0);
        out.write(chars, 0, line.length());
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
