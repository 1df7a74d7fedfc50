package io.wirespan.cli;

import io.wirespan.api.CallLog;
import io.wirespan.engine.sink.CallLogSink;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.StoreException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's call logs on their way into a store. The pipeline's shards offer them to one bounded
 * queue and never wait: when the store falls behind and the queue is full, a call log is dropped
 * and counted, so capture goes on. One thread appends what is queued in batches, at least once a
 * second, so a quiet agent's call logs are stored soon after they happen.
 */
final class StoreShipper implements AutoCloseable {
    private static final int BATCH = 8192;
    private static final long FLUSH_MILLIS = 1000;

    private final CallLogStore store;
    private final BlockingQueue<CallLog> queue;
    private final PrintStream warnings;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;
    private long stored, failed;

    StoreShipper(CallLogStore store, int capacity, PrintStream warnings) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.warnings = warnings;
        this.writer = Thread.ofPlatform().name("wirespan-store-writer").daemon().start(this::write);
    }

    /** A shard's sink: offers each call log to the queue. Thread-safe; closing it does nothing. */
    CallLogSink sink() {
        return new CallLogSink() {
            @Override
            public void accept(CallLog log) {
                if (!queue.offer(log)) dropped.incrementAndGet();
            }

            @Override
            public void close() {}
        };
    }

    long dropped() {
        return dropped.get();
    }

    /** Call logs stored; read after {@link #close}. */
    long stored() {
        return stored;
    }

    /** Call logs the store refused; read after {@link #close}. */
    long failed() {
        return failed;
    }

    /** Stores everything queued, then stops the writer. */
    @Override
    public void close() throws InterruptedException {
        closing = true; // the writer sees it within a second, drains the queue and stops
        writer.join();
    }

    private void write() {
        List<CallLog> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                CallLog first = closing ? queue.poll() : queue.poll(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null && closing) return;
                if (first != null) batch.add(first);
            } catch (InterruptedException e) {
                return; // the JVM is going down without a close
            }
            queue.drainTo(batch, BATCH - batch.size());
            if (batch.isEmpty()) continue;
            try {
                store.append(batch);
                stored += batch.size();
            } catch (StoreException | RuntimeException e) {
                if (failed == 0) warnings.println("wirespan agent: the store refused call logs: " + e.getMessage());
                failed += batch.size();
            }
            batch.clear();
        }
    }
}
