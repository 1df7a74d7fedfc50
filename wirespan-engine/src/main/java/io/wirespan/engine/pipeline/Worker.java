package io.wirespan.engine.pipeline;

import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.flow.FlowTable;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * One shard's thread: takes batches of packets from the capture thread and runs them through its
 * flow table. Batches circulate between a full and a free queue (a few per worker), so a slow shard
 * holds the capture thread back instead of growing memory: offline, nothing is dropped.
 */
final class Worker {
    private static final int BATCHES = 4;

    private final FlowTable table;
    private final BlockingQueue<PacketBatch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<PacketBatch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Semaphore idle = new Semaphore(0);
    private final PacketBatch stop = new PacketBatch();
    private final Thread thread;
    private PacketBatch filling;
    private volatile Throwable failure;

    Worker(FlowTable table, int shard) {
        this.table = table;
        for (int i = 0; i < BATCHES - 1; i++) free.add(new PacketBatch());
        this.filling = new PacketBatch();
        this.thread = Thread.ofPlatform().name("wirespan-shard-" + shard).daemon().start(this::loop);
    }

    /** On the capture thread: queues a copy of {@code p}. */
    void add(DecodedPacket p) {
        if (!filling.fits(p)) handOver();
        filling.add(p);
    }

    /** On the capture thread: hands over what is queued, after which the shard's packet time is {@code nowMicros}. */
    void tick(long nowMicros) {
        filling.markTick(nowMicros);
        handOver();
    }

    /** On the capture thread: the input ended at {@code latestMicros}; the shard ends its flows. */
    void endOfInput(long latestMicros) {
        filling.markEndOfInput(latestMicros);
        handOver();
    }

    /** On the capture thread: waits until the shard has handled the end of input; rethrows its failure. */
    void awaitIdle() {
        idle.acquireUninterruptibly();
        Throwable f = failure;
        if (f instanceof RuntimeException e) throw e;
        if (f instanceof Error e) throw e;
        if (f != null) throw new IllegalStateException(f);
    }

    void stop() {
        put(full, stop);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handOver() {
        put(full, filling);
        filling = take(free);
    }

    private void loop() {
        DecodedPacket view = new DecodedPacket();
        while (true) {
            PacketBatch batch = take(full);
            if (batch == stop) return;
            if (failure == null) {
                try {
                    for (int i = 0; i < batch.size(); i++) {
                        batch.load(i, view);
                        table.process(view);
                    }
                    if (batch.tickMicros() != PacketBatch.NO_TICK) table.advanceTime(batch.tickMicros());
                    if (batch.isEndOfInput()) table.flushAll(batch.endOfInputMicros());
                } catch (Throwable t) {
                    failure = t; // reported at the end of input; later batches are drained unread
                }
            }
            boolean end = batch.isEndOfInput();
            batch.clear();
            put(free, batch);
            if (end) idle.release();
        }
    }

    private static <T> void put(BlockingQueue<T> queue, T item) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static <T> T take(BlockingQueue<T> queue) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
