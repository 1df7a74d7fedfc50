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
import java.util.function.LongConsumer;

/**
 * The packet path of one worker: source → decoder → flow table (with TCP reassembly) → the
 * listener, which is where the protocol engine plugs in. Single-threaded and allocation-free per
 * packet; one instance serves any number of sources in turn.
 */
public final class Pipeline {
    /** How many frames pass between two progress reports. */
    private static final int PROGRESS_INTERVAL_MASK = (1 << 14) - 1;

    private final PacketDecoder decoder;
    private final FlowTable flows;
    private final RawPacket frame = new RawPacket();
    private final DecodedPacket packet = new DecodedPacket();
    private long frames;
    private long frameBytes;
    private long latestMicros;

    public Pipeline(EngineSettings settings, FlowListener listener) {
        this.decoder = new PacketDecoder(settings.decode());
        this.flows = new FlowTable(settings.flows(), settings.reassembly(), listener);
    }

    /**
     * Feeds every frame of {@code source} through the path, then ends the flows still open, since a
     * capture's connections do not go on in the next one. A damaged source throws after everything
     * readable was processed and its flows were ended.
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
                    flows.process(packet);
                }
                if ((frames & PROGRESS_INTERVAL_MASK) == 0) progress.accept(source.position());
            }
        } finally {
            flows.flushAll(latestMicros);
            progress.accept(source.position());
        }
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

    public FlowStats flowStats() {
        return flows.stats();
    }
}
