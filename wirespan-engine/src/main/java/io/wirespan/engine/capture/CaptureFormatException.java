package io.wirespan.engine.capture;

import java.io.IOException;

/** A capture file is truncated or corrupt at a known byte offset. */
public final class CaptureFormatException extends IOException {
    private final String source;
    private final long offset;

    public CaptureFormatException(String source, long offset, String problem) {
        super(source + ": " + problem + " at byte offset " + offset);
        this.source = source;
        this.offset = offset;
    }

    public String source() { return source; }
    public long offset() { return offset; }
}
