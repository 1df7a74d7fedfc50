package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One call log per line, as call-log.md specifies: the machine-readable output of {@code parse}.
 * Lines are written as UTF-8 into a buffer of this sink's own, which goes to the stream in chunks
 * of whole lines under the stream's monitor: the sinks of several pipeline shards can share one
 * stream, and their lines never interleave.
 */
public final class JsonLinesSink implements CallLogSink {
    private static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final JsonOutput lines = new JsonOutput(CHUNK + 4096);

    public JsonLinesSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void accept(CallLog log) throws IOException {
        CallLogJson.append(lines, log);
        lines.ascii('\n');
        if (lines.length() >= CHUNK) flushLines();
    }

    private void flushLines() throws IOException {
        if (lines.length() == 0) return;
        synchronized (out) {
            lines.writeTo(out);
        }
        lines.reset();
    }

    @Override
    public void close() throws IOException {
        flushLines();
        synchronized (out) {
            out.flush();
        }
    }
}
