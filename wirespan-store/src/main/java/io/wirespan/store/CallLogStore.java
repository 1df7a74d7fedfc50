package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import java.util.List;

/**
 * Where call logs and RED metrics are kept: the {@code l7_flow_log} and {@code application}
 * tables of call-log.md. Appends are batches; a store is safe to share between threads.
 */
public interface CallLogStore extends AutoCloseable {
    void append(List<CallLog> logs) throws StoreException;

    void appendMetrics(List<MetricsRow> rows) throws StoreException;

    /**
     * Appends an agent's batch once: a batch whose id was stored before is not stored again, so a
     * sender may retry until it is acknowledged.
     *
     * @return false when the batch had been stored already
     */
    boolean appendBatch(String batchId, List<CallLog> logs, List<MetricsRow> rows) throws StoreException;

    /**
     * Deletes the rows older than {@code retention} allows at {@code nowMicros}: call logs by
     * {@code end_time}, metrics by their window's start.
     *
     * @return how many rows were deleted
     */
    long expire(Retention retention, long nowMicros) throws StoreException;

    /**
     * Runs one read-only statement (SELECT or WITH … SELECT) with {@code ?} placeholders bound to
     * {@code parameters} (strings and numbers). Anything that could write is refused.
     *
     * @throws BadQueryException when the statement is refused or fails because of what it asks
     */
    QueryResult query(String sql, List<?> parameters, QueryLimits limits) throws StoreException;

    /** How this store spells what SQL dialects disagree on. */
    SqlDialect dialect();

    @Override
    void close() throws StoreException;
}
