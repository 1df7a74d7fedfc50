package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where call logs and RED metrics are kept: the {@code l7_flow_log} and {@code application}
 * tables of call-log.md. Appends are batches; a store is safe to share between threads.
 */
public interface CallLogStore extends AutoCloseable {
    void append(List<CallLog> logs) throws StoreException;

    void appendMetrics(List<MetricsRow> rows) throws StoreException;

    /**
     * Appends agents' batches, each once: a batch whose id was stored before is not stored again,
     * so a sender may retry until it is acknowledged. Many batches together are written as one.
     *
     * @return the ids of the batches stored now; the others had been stored already
     */
    Set<String> appendBatches(List<AgentBatch> batches) throws StoreException;

    /** Which of {@code ids} name batches stored already; answers while a write is under way. */
    Set<String> storedBatches(Collection<String> ids) throws StoreException;

    /** {@link #appendBatches} of one batch; false when it had been stored already. */
    default boolean appendBatch(String batchId, List<CallLog> logs, List<MetricsRow> rows) throws StoreException {
        return !appendBatches(List.of(new AgentBatch(batchId, logs, rows))).isEmpty();
    }

    /** What an agent sends at a time, named by the agent so that a retry is known. */
    record AgentBatch(String id, List<CallLog> callLogs, List<MetricsRow> metrics) {}

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
