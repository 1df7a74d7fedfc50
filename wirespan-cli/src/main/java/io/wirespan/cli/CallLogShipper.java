package io.wirespan.cli;

import io.wirespan.api.CallLog;
import io.wirespan.engine.sink.CallLogSink;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's call logs on their way to a {@link Destination}: a store, or a server. The
 * pipeline's shards offer them to one bounded queue and never wait: when the destination falls
 * behind and the queue is full, a call log is dropped and counted, so capture goes on. One thread
 * delivers what is queued in batches, at least once a second, so a quiet agent's call logs leave
 * soon after they happen.
 */
final class CallLogShipper implements AutoCloseable {
    static final int BATCH = 8192;
    private static final long FLUSH_MILLIS = 1000;

    /** Where the batches go. */
    interface Destination {
        /**
         * Delivers one batch, or keeps it to deliver later (a server's spool).
         *
         * @throws Exception when the batch could not be delivered and is given up
         */
        void deliver(List<CallLog> batch) throws Exception;

        /** Called by the writer at least once a second: a chance to deliver what was kept. */
        default void idle() {}

        /** The agent stops: a last chance to deliver what was kept, briefly. */
        default void finish() {}

        /** For messages: the store's file, the server's URL. */
        String describe();

        /** Call logs kept to deliver later, not delivered yet. */
        default long held() {
            return 0;
        }

        /** Call logs that were kept and had to be dropped (a full spool). */
        default long dropped() {
            return 0;
        }
    }

    private final Destination destination;
    private final BlockingQueue<CallLog> queue;
    private final PrintStream warnings;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;
    /** Written by the writer thread only; read by scrapes too. */
    private volatile long delivered, failed;

    CallLogShipper(Destination destination, int capacity, PrintStream warnings) {
        this.destination = destination;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.warnings = warnings;
        this.writer = Thread.ofPlatform().name("wirespan-shipper-" + destination.describe()).daemon().start(this::write);
    }

    /** Queues a call log, or drops and counts it when the queue is full. Thread-safe. */
    void offer(CallLog log) {
        if (!queue.offer(log)) dropped.incrementAndGet();
    }

    /** A shard's sink: offers each call log to the queue. Thread-safe; closing it does nothing. */
    CallLogSink sink() {
        return new CallLogSink() {
            @Override
            public void accept(CallLog log) {
                offer(log);
            }

            @Override
            public void close() {}
        };
    }

    long dropped() {
        return dropped.get();
    }

    long queued() {
        return queue.size();
    }

    /** Call logs the destination took: delivered, or kept to deliver later (all of them once {@link #close} returned). */
    long delivered() {
        return delivered;
    }

    /** Call logs given up. */
    long failed() {
        return failed;
    }

    /** Delivers everything queued, then stops the writer. */
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
                if (first == null && closing) {
                    destination.finish();
                    return;
                }
                if (first != null) batch.add(first);
            } catch (InterruptedException e) {
                return; // the JVM is going down without a close
            }
            queue.drainTo(batch, BATCH - batch.size());
            destination.idle();
            if (batch.isEmpty()) continue;
            try {
                destination.deliver(batch);
                delivered += batch.size();
            } catch (Exception e) {
                warnings.println("wirespan agent: " + batch.size() + " call logs not delivered to " + destination.describe()
                        + ": " + e.getMessage());
                failed += batch.size();
            }
            batch.clear(); // destinations are done with a batch when deliver returns
        }
    }
}
