package io.wirespan.server.ingest;

import io.wirespan.store.CallLogStore;
import io.wirespan.store.CallLogStore.AgentBatch;
import io.wirespan.store.StoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stores the batches of concurrent ingest requests together, as databases commit concurrent
 * transactions: while one group is written, the batches that arrive wait, and the first of them
 * to get the lock writes them all as the next group. A store writes a large group far faster per
 * row than many small ones (DuckDB writes 131,072 rows as a compressed row group, bypassing its
 * log), and every request still returns only once its batch is stored.
 */
public final class GroupCommitter {
    /** Call logs and metrics rows per group at most: the rest of the queue waits for the next. */
    static final int MAX_GROUP_ROWS = 262_144;

    private final CallLogStore store;
    private final LongAdder groups;
    private final ReentrantLock writing = new ReentrantLock();
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();

    /** @param groups counts the groups written, so that batches per group can be watched */
    public GroupCommitter(CallLogStore store, LongAdder groups) {
        this.store = store;
        this.groups = groups;
    }

    /**
     * Stores {@code batch} once, with whatever else is waiting.
     *
     * @return false when a batch of the same id had been stored already
     */
    public boolean commit(AgentBatch batch) throws StoreException {
        Waiting mine = new Waiting(batch);
        queue.add(mine);
        writing.lock();
        try {
            while (!mine.done) writeGroup();
        } finally {
            writing.unlock();
        }
        if (mine.failure != null) throw mine.failure;
        return mine.stored;
    }

    /** A batch and, once its group is written, what became of it. Read and written under the lock. */
    private static final class Waiting {
        final AgentBatch batch;
        boolean done, stored;
        StoreException failure;

        Waiting(AgentBatch batch) {
            this.batch = batch;
        }

        int rows() {
            return batch.callLogs().size() + batch.metrics().size();
        }
    }

    private void writeGroup() {
        List<Waiting> group = new ArrayList<>();
        int rows = 0;
        for (Waiting next = queue.peek(); next != null && (group.isEmpty() || rows + next.rows() <= MAX_GROUP_ROWS); next = queue.peek()) {
            group.add(queue.poll());
            rows += next.rows();
        }
        try {
            write(group);
        } catch (StoreException e) {
            if (group.size() == 1) {
                finish(group.getFirst(), false, e);
                return;
            }
            // one batch's trouble is not the others': each is tried again on its own
            for (Waiting one : group) {
                try {
                    write(List.of(one));
                } catch (StoreException alone) {
                    finish(one, false, alone);
                }
            }
        }
    }

    private void write(List<Waiting> group) throws StoreException {
        groups.increment();
        Set<String> fresh = new HashSet<>(store.appendBatches(group.stream().map(w -> w.batch).toList()));
        // a batch sent twice in one group is stored once: the first to come says so
        for (Waiting w : group) finish(w, fresh.remove(w.batch.id()), null);
    }

    private static void finish(Waiting waiting, boolean stored, StoreException failure) {
        waiting.stored = stored;
        waiting.failure = failure;
        waiting.done = true;
    }
}
