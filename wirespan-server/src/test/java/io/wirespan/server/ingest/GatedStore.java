package io.wirespan.server.ingest;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import io.wirespan.store.Retention;
import io.wirespan.store.SqlDialect;
import io.wirespan.store.StoreException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A real DuckDB store that records the groups written to it, holds the first write until
 * released, refuses any group holding the poisoned id (as a store refuses what it cannot take),
 * and can be made to stop answering altogether, as a store that went away.
 */
final class GatedStore implements CallLogStore {
    final DuckDbStore store;
    final String poison;
    final List<List<String>> groups = new CopyOnWriteArrayList<>();
    final CountDownLatch writing = new CountDownLatch(1), release = new CountDownLatch(1);
    volatile boolean down;

    GatedStore(DuckDbStore store, String poison) {
        this.store = store;
        this.poison = poison;
    }

    @Override
    public Set<String> appendBatches(List<AgentBatch> batches) throws StoreException {
        writing.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
        if (down) throw new StoreException("the store is down", null);
        List<String> ids = batches.stream().map(AgentBatch::id).toList();
        groups.add(ids);
        if (ids.contains(poison)) throw new StoreException("cannot take " + poison, null);
        return store.appendBatches(batches);
    }

    @Override
    public Set<String> storedBatches(Collection<String> ids) throws StoreException {
        if (down) throw new StoreException("the store is down", null);
        return store.storedBatches(ids);
    }

    @Override
    public void append(List<CallLog> logs) throws StoreException {
        store.append(logs);
    }

    @Override
    public void appendMetrics(List<MetricsRow> rows) throws StoreException {
        store.appendMetrics(rows);
    }

    @Override
    public long expire(Retention retention, long nowMicros) throws StoreException {
        return store.expire(retention, nowMicros);
    }

    @Override
    public QueryResult query(String sql, List<?> parameters, QueryLimits limits) throws StoreException {
        if (down) throw new StoreException("the store is down", null);
        return store.query(sql, parameters, limits);
    }

    @Override
    public SqlDialect dialect() {
        return store.dialect();
    }

    @Override
    public void close() throws StoreException {
        store.close();
    }
}
