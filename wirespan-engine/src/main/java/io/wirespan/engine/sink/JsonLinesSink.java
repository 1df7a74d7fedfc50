package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;
import java.io.IOException;
import java.io.Writer;

/**
 * One call log per line, as call-log.md specifies: the machine-readable output of {@code parse}.
 * Lines collect in a buffer of this sink's own and go to the writer in chunks of whole lines, under
 * the writer's monitor: the sinks of several pipeline shards can share one writer, and their lines
 * never interleave.
 */
public final class JsonLinesSink implements CallLogSink {
    private static final int CHUNK = 64 * 1024;

    private final Writer out;
    private final StringBuilder line = new StringBuilder(1024);
    private char[] chunk = new char[CHUNK];
    private int used;

    public JsonLinesSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(CallLog log) throws IOException {
        line.setLength(0);
        CallLogJson.append(line, log);
        line.append('\n');
        int n = line.length();
        if (used + n > chunk.length) {
            flushChunk();
            if (n > chunk.length) chunk = new char[n];
        }
        line.getChars(0, n, chunk, used);
        used += n;
    }

    /** Writes the lines collected so far. */
    private void flushChunk() throws IOException {
        if (used == 0) return;
        synchronized (out) {
            out.write(chunk, 0, used);
        }
        used = 0;
    }

    @Override
    public void close() throws IOException {
        flushChunk();
        synchronized (out) {
            out.flush();
        }
    }
}
