package io.wirespan.engine.pipeline;

import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.decode.DecodeStats;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.PacketDecoder;
import io.wirespan.engine.flow.FlowListener;
import io.wirespan.engine.flow.FlowStats;
import io.wirespan.engine.flow.FlowTable;
import java.io.IOException;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

/**
 * The packet path: source → decoder on the calling thread, then by a symmetric flow hash to one of
 * N shards, each with its own flow table (with TCP reassembly) and listener, where the protocol
 * engine plugs in. With one shard everything runs on the calling thread; with more, each shard is
 * a {@link Worker} thread fed batches of decoded packets, so a flow's packets, parsers and
 * sessions stay on one thread and the hot path takes no locks. Allocation-free per packet.
 */
public final class Pipeline implements AutoCloseable {
    /** How many frames pass between two progress reports. */
    private static final int PROGRESS_INTERVAL_MASK = (1 << 14) - 1;

    private final PacketDecoder decoder;
    private final FlowTable[] tables;
    private final Worker[] workers;
    private final RawPacket frame = new RawPacket();
    private final DecodedPacket packet = new DecodedPacket();
    private long frames;
    private long frameBytes;
    private long latestMicros;

    /** One shard, on the calling thread. */
    public Pipeline(EngineSettings settings, FlowListener listener) {
        this(settings, 1, shard -> listener);
    }

    /**
     * {@code shards} shards, each with the listener {@code listenerOfShard} makes for it (called here,
     * on this thread, once per shard); more than one runs each on its own thread, so a listener must
     * only be shared if it is thread-safe. The flow limit and the reassembly budget are divided among them.
     */
    public Pipeline(EngineSettings settings, int shards, IntFunction<FlowListener> listenerOfShard) {
        if (shards < 1) throw new IllegalArgumentException("shards: " + shards);
        this.decoder = new PacketDecoder(settings.decode());
        EngineSettings each = settings.dividedAmong(shards);
        this.tables = new FlowTable[shards];
        for (int s = 0; s < shards; s++) {
            tables[s] = new FlowTable(each.flows(), each.reassembly(), listenerOfShard.apply(s), s, shards);
        }
        this.workers = shards == 1 ? null : new Worker[shards];
        if (workers != null) {
            for (int s = 0; s < shards; s++) workers[s] = new Worker(tables[s], s);
        }
    }

    /**
     * Feeds every frame of {@code source} through the path, then ends the flows still open, since a
     * capture's connections do not go on in the next one. A damaged source throws after everything
     * readable was processed and its flows were ended. When this returns every shard is idle, so
     * their listeners may be read and flushed.
     *
     * @param progress told the source's position now and then, for a progress bar
     */
    public void run(PacketSource source, LongConsumer progress) throws IOException {
        try {
            while (source.next(frame)) {
                frames++;
                frameBytes += frame.originalLength();
                if (frame.timestampMicros() > latestMicros) latestMicros = frame.timestampMicros();
                if (decoder.decode(frame, packet) == PacketDecoder.Outcome.PACKET) {
                    if (workers == null) tables[0].process(packet);
                    else workers[shardOf(packet)].add(packet);
                }
                if ((frames & PROGRESS_INTERVAL_MASK) == 0) progress.accept(source.position());
            }
        } finally {
            endOfInput();
            progress.accept(source.position());
        }
    }

    /**
     * Live input in a quiet moment: packet time moves on to {@code nowMicros} though no packet says
     * so. What the shards have queued is handed to them, and requests and flows whose time is up
     * end. Called from the source, on the thread that runs {@link #run}.
     */
    public void advanceTime(long nowMicros) {
        if (nowMicros > latestMicros) latestMicros = nowMicros;
        if (workers == null) {
            tables[0].advanceTime(nowMicros);
            return;
        }
        for (Worker w : workers) w.tick(nowMicros);
    }

    private void endOfInput() {
        if (workers == null) {
            tables[0].flushAll(latestMicros);
            return;
        }
        for (Worker w : workers) w.endOfInput(latestMicros);
        for (Worker w : workers) w.awaitIdle();
    }

    /** The shard of a packet: the high bits of the symmetric hash (the flow tables index by its low bits). */
    private int shardOf(DecodedPacket p) {
        return (int) (((FlowTable.symmetricHash(p) & 0xFFFFFFFFL) * workers.length) >>> 32);
    }

    public int shards() {
        return tables.length;
    }

    public long frames() {
        return frames;
    }

    /** Frame lengths on the wire, summed. */
    public long frameBytes() {
        return frameBytes;
    }

    public DecodeStats decodeStats() {
        return decoder.stats();
    }

    /** The flow tables' counters, summed; read between runs, when the shards are idle. */
    public FlowStats flowStats() {
        FlowStats sum = tables[0].stats();
        for (int s = 1; s < tables.length; s++) sum = sum.plus(tables[s].stats());
        return sum;
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        if (workers == null) return;
        for (Worker w : workers) w.stop();
    }
}
