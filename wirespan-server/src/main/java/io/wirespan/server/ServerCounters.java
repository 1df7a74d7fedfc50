package io.wirespan.server;

import java.util.concurrent.atomic.LongAdder;

/** The server's own counters, exposed on {@code /metrics} beside the RED metrics. */
final class ServerCounters {
    final LongAdder batches = new LongAdder();
    final LongAdder groups = new LongAdder();
    final LongAdder setAsideBatches = new LongAdder();
    final LongAdder duplicateBatches = new LongAdder();
    final LongAdder callLogs = new LongAdder();
    final LongAdder metricsRows = new LongAdder();
    final LongAdder rejectedRequests = new LongAdder();
    final LongAdder unauthorizedRequests = new LongAdder();
    final LongAdder queries = new LongAdder();
    final LongAdder failedQueries = new LongAdder();
}
