package io.wirespan.cli;

import io.wirespan.api.CallLog;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.StoreException;
import java.util.List;

/** Batches appended to a store the agent opened itself ({@code --db}): one attempt each. */
record StoreDestination(CallLogStore store, String describe) implements CallLogShipper.Destination {
    @Override
    public void deliver(List<CallLog> batch) throws StoreException {
        store.append(batch);
    }
}
