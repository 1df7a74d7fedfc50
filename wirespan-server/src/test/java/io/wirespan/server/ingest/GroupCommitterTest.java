package io.wirespan.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.CallLogStore.AgentBatch;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import io.wirespan.store.Retention;
import io.wirespan.store.SqlDialect;
import io.wirespan.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
    private static final long NOW = 1_763_000_000_000_000L;
    private static final QueryLimits LIMITS = new QueryLimits(100, Duration.ofSeconds(10));

    @TempDir
    Path dir;

    @Test
    void batchesThatArriveWhileAGroupIsWrittenAreWrittenTogetherOnceEach() throws Exception {
        try (GatedStore store = new GatedStore(DuckDbStore.open(dir.resolve("g.duckdb")), "")) {
            GroupCommitter committer = new GroupCommitter(store, new LongAdder());
            List<AgentBatch> batches = new ArrayList<>();
            for (int i = 0; i < 16; i++) batches.add(batch("b" + i, 100));
            batches.add(batches.get(3)); // sent twice while waiting

            Map<String, List<Boolean>> answers = commitWhileTheFirstWaits(committer, store, batches);

            assertThat(store.groups).hasSize(2);
            assertThat(store.groups.get(0)).containsExactly("b0");
            assertThat(store.groups.get(1)).hasSize(16).doesNotContain("b0");
            assertThat(answers).hasSize(16).allSatisfy((id, stored) ->
                    assertThat(stored).as(id).containsExactlyInAnyOrderElementsOf(id.equals("b3") ? List.of(true, false) : List.of(true)));
            assertThat(store.query("SELECT count(*), count(DISTINCT request_resource) FROM l7_flow_log", List.of(), LIMITS).rows())
                    .containsExactly(List.of(1600L, 16L));
            assertThat(committer.commit(batch("b7", 100))).isFalse();
        }
    }

    @Test
    void aBatchTheStoreRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        try (GatedStore store = new GatedStore(DuckDbStore.open(dir.resolve("p.duckdb")), "poison")) {
            GroupCommitter committer = new GroupCommitter(store, new LongAdder());
            List<AgentBatch> batches = List.of(batch("first", 10), batch("a", 10), batch("poison", 10), batch("b", 10));

            Map<String, List<Boolean>> answers = commitWhileTheFirstWaits(committer, store, batches);

            assertThat(answers).containsOnlyKeys("first", "a", "b").allSatisfy((id, stored) -> assertThat(stored).containsExactly(true));
            assertThat(store.query("SELECT request_resource, count(*) FROM l7_flow_log GROUP BY 1 ORDER BY 1", List.of(), LIMITS).rows())
                    .containsExactly(List.of("a", 10L), List.of("b", 10L), List.of("first", 10L));
        }
    }

    /**
     * Commits the first batch, holds its write until the others are queued behind it, then lets
     * all go: the answers of those that were stored or found, without those that failed.
     */
    private static Map<String, List<Boolean>> commitWhileTheFirstWaits(GroupCommitter committer, GatedStore store, List<AgentBatch> batches)
            throws Exception {
        Map<String, List<Boolean>> answers = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> sent = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(batches.size() - 1);
        for (int i = 0; i < batches.size(); i++) {
            AgentBatch batch = batches.get(i);
            if (i == 1) assertThat(store.writing.await(10, TimeUnit.SECONDS)).isTrue();
            sent.add(senders.submit(() -> {
                if (batch != batches.getFirst()) started.countDown();
                boolean stored = committer.commit(batch);
                answers.computeIfAbsent(batch.id(), id -> new CopyOnWriteArrayList<>()).add(stored);
                return null;
            }));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // from countDown to the queue is a few instructions
        store.release.countDown();
        for (Future<?> f : sent) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StoreException.class).hasMessageContaining("poison");
            }
        }
        senders.shutdown();
        return answers;
    }

    private static AgentBatch batch(String id, int logs) {
        List<CallLog> list = new ArrayList<>();
        for (int i = 0; i < logs; i++) {
            list.add(CallLog.builder().startTime(NOW).endTime(NOW + i).flowId(i).client("10.0.0.1", 1).server("10.0.0.2", 2)
                    .requestResource(id).build());
        }
        return new AgentBatch(id, list, List.of());
    }

    /**
     * A real store that records the groups written to it, holds the first write until released,
     * and refuses any group holding the poisoned id, as a store refuses what it cannot take.
     */
    private static final class GatedStore implements CallLogStore {
        final DuckDbStore store;
        final String poison;
        final List<List<String>> groups = new CopyOnWriteArrayList<>();
        final CountDownLatch writing = new CountDownLatch(1), release = new CountDownLatch(1);

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
                throw new IllegalStateException(e);
            }
            List<String> ids = batches.stream().map(AgentBatch::id).toList();
            groups.add(ids);
            if (ids.contains(poison)) throw new StoreException("cannot take " + poison, null);
            return store.appendBatches(batches);
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
}
