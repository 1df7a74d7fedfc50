package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.engine.sink.CallLogSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline shard's call logs into a shared store, in batches: the shard fills its own batch and
 * takes the store's lock only to append a whole one.
 */
public final class StoreSink implements CallLogSink {
    private static final int BATCH = 8192;

    private final CallLogStore store;
    private final List<CallLog> batch = new ArrayList<>(BATCH);

    public StoreSink(CallLogStore store) {
        this.store = store;
    }

    @Override
    public void accept(CallLog log) throws IOException {
        batch.add(log);
        if (batch.size() >= BATCH) flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void flush() throws IOException {
        if (batch.isEmpty()) return;
        try {
            store.append(batch);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
        batch.clear(); // the store has appended it: nothing keeps the list
    }
}
