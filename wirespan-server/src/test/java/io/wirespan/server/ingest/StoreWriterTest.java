package io.wirespan.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.server.ingest.StoreWriter.Queued;
import io.wirespan.store.CallLogStore.AgentBatch;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWriterTest {
    private static final long NOW = 1_763_000_000_000_000L;
    private static final QueryLimits LIMITS = new QueryLimits(100, Duration.ofSeconds(10));

    @TempDir
    Path dir;

    /** What the writer said of each batch: stored now (true) or found stored (false); set aside as "aside". */
    private final Map<String, List<Object>> outcomes = new ConcurrentHashMap<>();
    private final StoreWriter.Outcomes recorder = new StoreWriter.Outcomes() {
        @Override
        public void stored(Queued batch, boolean now) {
            outcomes.computeIfAbsent(batch.batch().id(), id -> new CopyOnWriteArrayList<>()).add(now);
        }

        @Override
        public void setAside(Queued batch, StoreException why) {
            outcomes.computeIfAbsent(batch.batch().id(), id -> new CopyOnWriteArrayList<>()).add("aside");
        }
    };

    @Test
    void batchesQueuedWhileAGroupIsWrittenAreWrittenTogetherOnceEach() throws Exception {
        try (GatedStore store = new GatedStore(DuckDbStore.open(dir.resolve("g.duckdb")), "")) {
            StoreWriter writer = new StoreWriter(store, 1_000_000, recorder, new LongAdder());
            send(writer, batch("b0", 100));
            assertThat(store.writing.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < 16; i++) send(writer, batch("b" + i, 100));
            send(writer, batch("b3", 100)); // sent twice while waiting
            store.release.countDown();
            awaitTrue(() -> outcomes.values().stream().mapToInt(List::size).sum() == 17);
            writer.close();

            assertThat(store.groups).hasSize(2);
            assertThat(store.groups.get(0)).containsExactly("b0");
            assertThat(store.groups.get(1)).hasSize(16).doesNotContain("b0");
            assertThat(outcomes).hasSize(16).allSatisfy((id, said) ->
                    assertThat(said).as(id).containsExactlyElementsOf(id.equals("b3") ? List.of(true, false) : List.of(true)));
            assertThat(store.query("SELECT count(*), count(DISTINCT request_resource) FROM l7_flow_log", List.of(), LIMITS).rows())
                    .containsExactly(List.of(1600L, 16L));
            assertThat(writer.backlogRows()).isZero();
        }
    }

    @Test
    void aBatchTheStoreRefusesAloneIsSetAsideAndTheRestOfItsGroupIsStored() throws Exception {
        try (GatedStore store = new GatedStore(DuckDbStore.open(dir.resolve("p.duckdb")), "poison")) {
            StoreWriter writer = new StoreWriter(store, 1_000_000, recorder, new LongAdder());
            send(writer, batch("first", 10));
            assertThat(store.writing.await(10, TimeUnit.SECONDS)).isTrue();
            for (String id : List.of("a", "poison", "b")) send(writer, batch(id, 10));
            store.release.countDown();
            awaitTrue(() -> outcomes.size() == 4);
            writer.close();

            assertThat(outcomes).containsEntry("poison", List.of("aside")).containsEntry("a", List.of(true)).containsEntry("b", List.of(true));
            assertThat(store.query("SELECT request_resource, count(*) FROM l7_flow_log GROUP BY 1 ORDER BY 1", List.of(), LIMITS).rows())
                    .containsExactly(List.of("a", 10L), List.of("b", 10L), List.of("first", 10L));
        }
    }

    @Test
    void aStoreThatDoesNotAnswerIsWaitedForAndNothingIsSetAside() throws Exception {
        try (GatedStore store = new GatedStore(DuckDbStore.open(dir.resolve("d.duckdb")), "")) {
            store.release.countDown();
            store.down = true;
            LongAdder groups = new LongAdder();
            StoreWriter writer = new StoreWriter(store, 1_000_000, recorder, groups);
            send(writer, batch("patient", 10));
            awaitTrue(() -> groups.sum() >= 2); // tried, waited 1 s, tried again
            assertThat(outcomes).isEmpty();
            assertThat(writer.backlogRows()).isEqualTo(10);

            store.down = false;
            awaitTrue(() -> !outcomes.isEmpty());
            writer.close();
            assertThat(outcomes).containsExactly(Map.entry("patient", List.of(true)));
        }
    }

    @Test
    void sendersWaitForRoomWhileTheStoreIsBehind() throws Exception {
        try (GatedStore store = new GatedStore(DuckDbStore.open(dir.resolve("r.duckdb")), "")) {
            StoreWriter writer = new StoreWriter(store, 100, recorder, new LongAdder());
            send(writer, batch("one", 60));
            assertThat(store.writing.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.reserve(60, Duration.ofMillis(200))).as("no room while 60 of 100 rows wait").isFalse();
            assertThat(writer.reserve(40, Duration.ZERO)).isTrue();
            writer.cancel(40);
            store.release.countDown();
            assertThat(writer.reserve(60, Duration.ofSeconds(10))).as("room once the first batch is stored").isTrue();
            writer.cancel(60);
            assertThat(writer.reserve(500, Duration.ZERO)).as("a batch larger than the queue gets it whole when it is empty").isTrue();
            writer.close();
        }
    }

    private static void send(StoreWriter writer, AgentBatch batch) throws InterruptedException {
        assertThat(writer.reserve(StoreWriter.rowsOf(batch), Duration.ofSeconds(10))).isTrue();
        writer.enqueue(new Queued(batch, null, null));
    }

    static AgentBatch batch(String id, int logs) {
        List<CallLog> list = new ArrayList<>();
        for (int i = 0; i < logs; i++) {
            list.add(CallLog.builder().startTime(NOW).endTime(NOW + i).flowId(i).client("10.0.0.1", 1).server("10.0.0.2", 2)
                    .requestResource(id).build());
        }
        return new AgentBatch(id, list, List.of());
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
