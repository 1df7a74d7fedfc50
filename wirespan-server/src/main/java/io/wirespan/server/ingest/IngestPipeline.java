package io.wirespan.server.ingest;

import io.wirespan.server.ingest.IngestCodec.DecodedBatch;
import io.wirespan.server.ingest.IngestJournal.Body;
import io.wirespan.server.ingest.IngestJournal.Replayed;
import io.wirespan.server.ingest.StoreWriter.Queued;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.CallLogStore.AgentBatch;
import io.wirespan.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of ingest. A batch is acknowledged once it is in the {@link IngestJournal},
 * on disk; the {@link StoreWriter} moves it into the store soon after, with the batches of other
 * senders, and only then may the journal forget it. Queries see a batch once it is in the store:
 * at full load about a second after its acknowledgement.
 *
 * <p>Each batch id is stored once: a batch whose id is on its way or in the store already is
 * answered as a repeat, not journaled again.
 */
public final class IngestPipeline implements AutoCloseable {
    /** Rows acknowledged and not yet stored, at most: two of the writer's groups. */
    static final long CAPACITY_ROWS = 2L * StoreWriter.MAX_GROUP_ROWS;
    /** How long a sender waits for room before it is told to come back later. */
    private static final Duration WAIT_FOR_ROOM = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    /** What became of a batch sent. */
    public enum Outcome {
        /** Now on disk, and on its way to the store. */
        STORED,
        /** A batch of this id had come before: nothing was done. */
        REPEATED
    }

    /** The store is behind and the queue full: the sender should come back later. */
    public static final class Busy extends Exception {
        Busy(String message) {
            super(message);
        }
    }

    /** @param groups counts the writes to the store; @param setAside the batches the store refused alone */
    public record Counters(LongAdder groups, LongAdder setAside) {}

    private final CallLogStore store;
    private final IngestJournal journal;
    private final Path setAsideDir;
    private final Counters counters;
    private final Set<String> onTheirWay = ConcurrentHashMap.newKeySet();
    private final StoreWriter writer;

    private IngestPipeline(CallLogStore store, IngestJournal journal, Path setAsideDir, Counters counters) {
        this.store = store;
        this.journal = journal;
        this.setAsideDir = setAsideDir;
        this.counters = counters;
        this.writer = new StoreWriter(store, CAPACITY_ROWS, new StoreWriter.Outcomes() {
            @Override
            public void stored(Queued batch, boolean now) {
                forget(batch.batch().id(), batch.entry());
            }

            @Override
            public void setAside(Queued batch, StoreException why) {
                IngestPipeline.this.setAside(batch.batch().id(), batch.body(), batch.entry(), why.getMessage());
            }
        }, counters.groups());
    }

    /**
     * Opens the journal in {@code journalDir} and starts the writer, which first stores what the
     * last run acknowledged and left unstored.
     */
    public static IngestPipeline open(CallLogStore store, Path journalDir, Counters counters) throws IOException {
        IngestJournal journal = IngestJournal.open(journalDir);
        IngestPipeline pipeline = new IngestPipeline(store, journal, journalDir.resolve("set-aside"), counters);
        pipeline.readBack(journal.takeLeftOver());
        return pipeline;
    }

    /**
     * Journals {@code batch} (its {@code body} as received) and queues it for the store, unless a
     * batch of its id came before.
     *
     * @throws Busy when the store is too far behind to take it now
     * @throws IOException when the journal cannot be written: the batch is not acknowledged
     */
    public Outcome accept(DecodedBatch batch, Body body) throws IOException, Busy, InterruptedException {
        String id = batch.batchId();
        if (!onTheirWay.add(id)) return Outcome.REPEATED;
        boolean queued = false;
        try {
            if (knownToTheStore(id)) return Outcome.REPEATED;
            AgentBatch stored = new AgentBatch(id, batch.callLogs(), batch.metrics());
            int rows = StoreWriter.rowsOf(stored);
            if (!writer.reserve(rows, WAIT_FOR_ROOM)) {
                throw new Busy("the store is " + writer.backlogRows() + " rows behind; send the batch again later");
            }
            try {
                writer.enqueue(new Queued(stored, body, journal.append(body)));
                queued = true;
            } finally {
                if (!queued) writer.cancel(rows);
            }
            return Outcome.STORED;
        } finally {
            if (!queued) onTheirWay.remove(id);
        }
    }

    /**
     * Whether the store has a batch of this id. A store that does not answer now cannot stop
     * ingest: the batch is journaled, and the writer, which asks again, stores nothing twice.
     */
    private boolean knownToTheStore(String id) {
        try {
            return !store.storedBatches(List.of(id)).isEmpty();
        } catch (StoreException e) {
            log.debug("cannot look batch {} up now: {}", id, e.getMessage());
            return false;
        }
    }

    /** Rows acknowledged and not yet in the store. */
    public long backlogRows() {
        return writer.backlogRows();
    }

    /** Stores what is queued (for up to 30 s; the rest waits in the journal), then closes the journal. */
    @Override
    public void close() throws IOException, InterruptedException {
        close(Duration.ofSeconds(30));
    }

    /** Stores what is queued for up to {@code drain}, then closes the journal, which keeps the rest. */
    public void close(Duration drain) throws IOException, InterruptedException {
        writer.close(drain);
        journal.close();
    }

    private void readBack(List<Replayed> leftOver) {
        long rows = 0;
        for (Replayed replayed : leftOver) {
            DecodedBatch batch;
            try {
                batch = IngestCodec.decode(replayed.body());
            } catch (IOException | IllegalArgumentException e) {
                setAside(null, replayed.body(), replayed.entry(), "unreadable in the journal: " + e.getMessage());
                continue;
            }
            if (!onTheirWay.add(batch.batchId())) {
                journal.release(replayed.entry());
                continue;
            }
            Queued queued = new Queued(new AgentBatch(batch.batchId(), batch.callLogs(), batch.metrics()), replayed.body(), replayed.entry());
            rows += queued.rows();
            writer.requeue(queued);
        }
        if (!leftOver.isEmpty()) log.info("storing {} batches ({} rows) acknowledged before the last stop and not yet stored", leftOver.size(), rows);
    }

    private void forget(String id, IngestJournal.Entry entry) {
        journal.release(entry);
        onTheirWay.remove(id);
    }

    /**
     * Keeps a batch the store refuses (or one the journal cannot decode, {@code id} null) as a file
     * of its own, for a person to look at, and lets the others go on.
     */
    private void setAside(String id, Body body, IngestJournal.Entry entry, String why) {
        counters.setAside().increment();
        String name = System.currentTimeMillis() + "-" + (id == null ? "unreadable" : id.replaceAll("[^A-Za-z0-9._-]", "_"))
                + (body.gzip() ? ".pb.gz" : ".pb");
        Path file = setAsideDir.resolve(name);
        try {
            Files.createDirectories(setAsideDir);
            Files.write(file, body.bytes());
            log.error("batch {} set aside as {}: {}", id, file, why);
            journal.release(entry);
            if (id != null) onTheirWay.remove(id);
        } catch (IOException e) {
            log.error("batch {} is refused by the store ({}) and cannot be set aside ({}); it stays in the journal", id, why, e.getMessage());
        }
    }
}
