package io.wirespan.server.ingest;

import static io.wirespan.server.ingest.StoreWriterTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.server.ingest.IngestCodec.DecodedBatch;
import io.wirespan.server.ingest.IngestJournal.Body;
import io.wirespan.server.ingest.IngestPipeline.Outcome;
import io.wirespan.store.CallLogStore.AgentBatch;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {
    private static final QueryLimits LIMITS = new QueryLimits(100, Duration.ofSeconds(10));

    @TempDir
    Path dir;
    private final LongAdder groups = new LongAdder(), setAside = new LongAdder();

    @Test
    void aBatchIsStoredOnceHoweverOftenItIsSent() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("once.duckdb"))) {
            IngestPipeline pipeline = IngestPipeline.open(store, dir.resolve("journal"), counters());
            assertThat(accept(pipeline, "b1", 50)).isEqualTo(Outcome.STORED);
            assertThat(accept(pipeline, "b1", 50)).as("while on its way").isEqualTo(Outcome.REPEATED);
            awaitTrue(() -> pipeline.backlogRows() == 0);
            assertThat(accept(pipeline, "b1", 50)).as("once stored").isEqualTo(Outcome.REPEATED);
            assertThat(accept(pipeline, "b2", 50)).isEqualTo(Outcome.STORED);
            pipeline.close();

            assertThat(store.query("SELECT request_resource, count(*) FROM l7_flow_log GROUP BY 1 ORDER BY 1", List.of(), LIMITS).rows())
                    .containsExactly(List.of("b1", 50L), List.of("b2", 50L));
            assertThat(journalFiles()).as("everything stored: nothing left in the journal").isEmpty();
        }
    }

    @Test
    void whatWasAcknowledgedAndNotStoredIsStoredAtTheNextStartOnce() throws Exception {
        try (GatedStore stuck = new GatedStore(DuckDbStore.open(dir.resolve("stuck.duckdb")), "")) {
            IngestPipeline first = IngestPipeline.open(stuck, dir.resolve("journal"), counters());
            for (String id : List.of("a", "b", "c")) assertThat(accept(first, id, 20)).isEqualTo(Outcome.STORED);
            assertThat(stuck.writing.await(10, TimeUnit.SECONDS)).isTrue();
            first.close(Duration.ofMillis(100)); // the store never took them: a stop as abrupt as a crash, for the store
        }
        assertThat(journalFiles()).isNotEmpty();

        try (DuckDbStore store = DuckDbStore.open(dir.resolve("next.duckdb"))) {
            IngestPipeline next = IngestPipeline.open(store, dir.resolve("journal"), counters());
            assertThat(accept(next, "b", 20)).as("known from the journal").isEqualTo(Outcome.REPEATED);
            awaitTrue(() -> next.backlogRows() == 0);
            next.close();
            assertThat(store.query("SELECT request_resource, count(*) FROM l7_flow_log GROUP BY 1 ORDER BY 1", List.of(), LIMITS).rows())
                    .containsExactly(List.of("a", 20L), List.of("b", 20L), List.of("c", 20L));
        }
        assertThat(journalFiles()).isEmpty();
        assertThat(setAside.sum()).isZero();
    }

    @Test
    void aStoreThatIsDownDoesNotStopIngestTheJournalHoldsTheBatchesUntilItIsBack() throws Exception {
        try (GatedStore store = new GatedStore(DuckDbStore.open(dir.resolve("down.duckdb")), "")) {
            store.release.countDown();
            store.down = true;
            IngestPipeline pipeline = IngestPipeline.open(store, dir.resolve("journal"), counters());
            assertThat(accept(pipeline, "while-down", 30)).isEqualTo(Outcome.STORED);
            Thread.sleep(300);
            assertThat(pipeline.backlogRows()).isEqualTo(30);
            assertThat(journalFiles()).singleElement().satisfies(f -> assertThat(Files.size(f)).isPositive());

            store.down = false;
            awaitTrue(() -> pipeline.backlogRows() == 0);
            pipeline.close();
            assertThat(store.query("SELECT count(*) FROM l7_flow_log", List.of(), LIMITS).rows()).containsExactly(List.of(30L));
            assertThat(setAside.sum()).isZero();
        }
    }

    @Test
    void aJournalRecordThatIsNoBatchIsSetAsideAndTheRestStored() throws Exception {
        try (IngestJournal journal = IngestJournal.open(dir.resolve("journal"))) {
            journal.append(new Body(false, "not a batch".getBytes(StandardCharsets.UTF_8)));
            journal.append(body(batch("good", 5)));
        }
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("aside.duckdb"))) {
            IngestPipeline pipeline = IngestPipeline.open(store, dir.resolve("journal"), counters());
            awaitTrue(() -> pipeline.backlogRows() == 0);
            pipeline.close();
            assertThat(store.query("SELECT count(*) FROM l7_flow_log", List.of(), LIMITS).rows()).containsExactly(List.of(5L));
        }
        assertThat(setAside.sum()).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir.resolve("journal/set-aside"))) {
            assertThat(files.toList()).singleElement().satisfies(f -> {
                assertThat(f.getFileName().toString()).endsWith("-unreadable.pb");
                assertThat(f).hasContent("not a batch");
            });
        }
        assertThat(journalFiles()).isEmpty();
    }

    private IngestPipeline.Counters counters() {
        return new IngestPipeline.Counters(groups, setAside);
    }

    private static Outcome accept(IngestPipeline pipeline, String id, int logs) throws Exception {
        AgentBatch batch = batch(id, logs);
        return pipeline.accept(new DecodedBatch(id, "test", batch.callLogs(), batch.metrics()), body(batch));
    }

    private static AgentBatch batch(String id, int logs) {
        return StoreWriterTest.batch(id, logs);
    }

    private static Body body(AgentBatch batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            IngestCodec.encode(batch.id(), "test", batch.callLogs(), batch.metrics()).writeTo(gzip);
        }
        return new Body(true, out.toByteArray());
    }

    private List<Path> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.filter(f -> f.toString().endsWith(".journal")).toList();
        }
    }
}
