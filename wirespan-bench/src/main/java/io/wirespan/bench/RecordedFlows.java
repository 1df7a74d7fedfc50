package io.wirespan.bench;

import io.wirespan.api.Direction;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.PacketDecoder;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowConfig;
import io.wirespan.engine.flow.FlowEndReason;
import io.wirespan.engine.flow.FlowListener;
import io.wirespan.engine.flow.FlowTable;
import io.wirespan.engine.tcp.ReassemblyConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reassembled payloads of every flow of a capture, recorded once through the real decoder and
 * flow table, so benchmarks can replay them into parsers or inference without the packet path.
 */
public final class RecordedFlows {
    private RecordedFlows() {}

    /** One delivery of payload bytes, copied. */
    public record Chunk(Direction direction, byte[] bytes) {}

    /** A flow's payload chunks in order. */
    public record RecordedFlow(boolean udp, List<Chunk> chunks) {}

    public static List<RecordedFlow> of(Path capture) throws IOException {
        Map<Long, RecordedFlow> byFlow = new LinkedHashMap<>();
        FlowListener recorder = new FlowListener() {
            @Override public void onFlowStart(Flow flow, long t) {}
            @Override public void onGap(Flow flow, Direction d, int missing, long t) {}
            @Override public void onFlowEnd(Flow flow, FlowEndReason reason, long t) {}

            @Override
            public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long t) {
                byFlow.computeIfAbsent(flow.id(), id -> new RecordedFlow(flow.l4Protocol() == DecodedPacket.UDP, new ArrayList<>()))
                        .chunks().add(new Chunk(direction, Arrays.copyOfRange(data, offset, offset + length)));
            }
        };
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, recorder);
        PacketDecoder decoder = new PacketDecoder();
        RawPacket raw = new RawPacket();
        DecodedPacket packet = new DecodedPacket();
        long last = 0;
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.next(raw)) {
                last = Math.max(last, raw.timestampMicros());
                if (decoder.decode(raw, packet) == PacketDecoder.Outcome.PACKET) table.process(packet);
            }
        }
        table.flushAll(last);
        return List.copyOf(byFlow.values());
    }
}
