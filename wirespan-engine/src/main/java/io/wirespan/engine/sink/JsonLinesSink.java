package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;
import java.io.IOException;
import java.io.Writer;

/** One call log per line, as call-log.md specifies: the machine-readable output of {@code parse}. */
public final class JsonLinesSink implements CallLogSink {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(1024);

    public JsonLinesSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(CallLog log) throws IOException {
        line.setLength(0);
        CallLogJson.append(line, log);
        line.append('\n');
        out.append(line);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
