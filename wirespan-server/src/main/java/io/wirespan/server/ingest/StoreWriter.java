package io.wirespan.server.ingest;

import io.wirespan.store.CallLogStore;
import io.wirespan.store.CallLogStore.AgentBatch;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.StoreException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves acknowledged batches into the store on a thread of its own, as many together as are
 * waiting, up to {@value #MAX_GROUP_ROWS} rows: a store writes a large group far faster per row
 * than many small ones (DuckDB writes 122,880 rows and more as compressed row groups, bypassing
 * its log). The queue is bounded in rows, so senders wait while the store catches up.
 *
 * <p>When the store refuses a group, it is asked whether it answers at all. If not, the group
 * waits and is tried again, from 1 s up to every 30 s. If it does, each batch is tried alone, and
 * a batch the store still refuses is {@linkplain Outcomes#setAside set aside}, so that one bad
 * batch cannot hold up the others.
 */
public final class StoreWriter implements AutoCloseable {
    static final int MAX_GROUP_ROWS = 262_144;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1), LAST_RETRY = Duration.ofSeconds(30);
    private static final QueryLimits PROBE = new QueryLimits(1, Duration.ofSeconds(10));
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    /** A batch on its way to the store, with its place in the journal. */
    public record Queued(AgentBatch batch, IngestJournal.Body body, IngestJournal.Entry entry) {
        int rows() {
            return rowsOf(batch);
        }
    }

    /** The rows a batch takes in the queue; an empty one counts as one, so that the queue bounds it too. */
    public static int rowsOf(AgentBatch batch) {
        return Math.max(1, batch.callLogs().size() + batch.metrics().size());
    }

    /** What became of each batch; called on the writer's thread. */
    public interface Outcomes {
        /** The batch is in the store, stored now or found there. */
        void stored(Queued batch, boolean now);

        /** The store answers but refuses this batch alone. */
        void setAside(Queued batch, StoreException why);
    }

    private final CallLogStore store;
    private final Outcomes outcomes;
    private final LongAdder groups;
    private final long capacityRows;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition(), room = lock.newCondition();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long unstoredRows;
    private boolean closing;
    private final Thread thread;

    /**
     * @param capacityRows rows queued at most before senders wait
     * @param groups counts the groups written
     */
    public StoreWriter(CallLogStore store, long capacityRows, Outcomes outcomes, LongAdder groups) {
        this.store = store;
        this.capacityRows = capacityRows;
        this.outcomes = outcomes;
        this.groups = groups;
        this.thread = Thread.ofPlatform().name("wirespan-store-writer").start(this::run);
    }

    /**
     * Holds room for {@code rows}, waiting up to {@code wait} for the store to catch up; a batch
     * larger than the whole queue gets it once the queue is empty.
     *
     * @return false when there was no room in time
     */
    public boolean reserve(int rows, Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        lock.lock();
        try {
            while (unstoredRows > 0 && unstoredRows + rows > capacityRows) {
                if (nanos <= 0) return false;
                nanos = room.awaitNanos(nanos);
            }
            unstoredRows += rows;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back room {@link #reserve reserved} for a batch that will not come after all. */
    public void cancel(int rows) {
        lock.lock();
        try {
            unstoredRows -= rows;
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Queues a batch whose room was reserved. */
    public void enqueue(Queued batch) {
        lock.lock();
        try {
            queue.add(batch);
            waiting.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queues a batch read back from the journal at start, room or not: it is on disk already. */
    public void requeue(Queued batch) {
        lock.lock();
        try {
            unstoredRows += batch.rows();
            queue.add(batch);
            waiting.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Rows acknowledged or on their way and not yet in the store. */
    public long backlogRows() {
        lock.lock();
        try {
            return unstoredRows;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores what is queued, for up to {@code drain}, then stops; whatever is left stays in the
     * journal for the next start.
     */
    public void close(Duration drain) throws InterruptedException {
        lock.lock();
        try {
            closing = true;
            waiting.signal();
        } finally {
            lock.unlock();
        }
        if (!thread.join(drain)) {
            log.warn("the store did not take the last {} rows in {} s; they stay in the journal for the next start", backlogRows(),
                    drain.toSeconds());
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    private void run() {
        try {
            for (List<Queued> group = next(); !group.isEmpty(); group = next()) write(group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The batches waiting, up to a group's rows; none once closing and drained. */
    private List<Queued> next() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) waiting.await();
            List<Queued> group = new ArrayList<>();
            long rows = 0;
            for (Queued next = queue.peek(); next != null && (group.isEmpty() || rows + next.rows() <= MAX_GROUP_ROWS); next = queue.peek()) {
                group.add(queue.poll());
                rows += next.rows();
            }
            return group;
        } finally {
            lock.unlock();
        }
    }

    private void write(List<Queued> group) throws InterruptedException {
        for (Duration retry = FIRST_RETRY; ; retry = waitFor(retry)) {
            try {
                store(group);
                return;
            } catch (StoreException refused) {
                if (answers()) break;
                log.warn("the store refused {} batches and does not answer ({}); trying again in {} s", group.size(), refused.getMessage(),
                        retry.toSeconds());
            }
        }
        for (Queued batch : group) storeAlone(batch);
    }

    private void storeAlone(Queued batch) throws InterruptedException {
        for (Duration retry = FIRST_RETRY; ; retry = waitFor(retry)) {
            try {
                store(List.of(batch));
                return;
            } catch (StoreException refused) {
                if (answers()) {
                    finished(batch);
                    outcomes.setAside(batch, refused);
                    return;
                }
                // gone meanwhile: wait for it as for a group
                log.warn("the store refused a batch and does not answer ({}); trying again in {} s", refused.getMessage(), retry.toSeconds());
            }
        }
    }

    /** Waits {@code retry} for the store to come back; the next wait is twice as long, up to {@link #LAST_RETRY}. */
    private static Duration waitFor(Duration retry) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(retry.toMillis());
        Duration next = retry.multipliedBy(2);
        return next.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : next;
    }

    private void store(List<Queued> group) throws StoreException, InterruptedException {
        groups.increment();
        Set<String> fresh;
        try {
            fresh = store.appendBatches(group.stream().map(Queued::batch).toList());
        } catch (StoreException | RuntimeException e) {
            // stopped mid-write: nothing is known about the batches, and the journal keeps them
            if (Thread.interrupted()) throw new InterruptedException("stopped while the store wrote");
            throw e instanceof StoreException refused ? refused : new StoreException("the store failed: " + e, e);
        }
        for (Queued batch : group) {
            finished(batch);
            outcomes.stored(batch, fresh.remove(batch.batch().id()));
        }
    }

    private boolean answers() {
        try {
            store.query("SELECT 1", List.of(), PROBE);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private void finished(Queued batch) {
        lock.lock();
        try {
            unstoredRows -= batch.rows();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
