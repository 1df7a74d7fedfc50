package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;
import java.io.IOException;

/** Where finished call logs go: a writer, a store, an exporter. */
public interface CallLogSink extends AutoCloseable {

    void accept(CallLog log) throws IOException;

    /** Flushes what is buffered; the sink is unusable afterwards. */
    @Override
    void close() throws IOException;
}
