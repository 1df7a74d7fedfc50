package io.wirespan.engine.testing;

import io.wirespan.api.Direction;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.PacketDecoder;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowConfig;
import io.wirespan.engine.flow.FlowEndReason;
import io.wirespan.engine.flow.FlowListener;
import io.wirespan.engine.flow.FlowTable;
import io.wirespan.engine.tcp.ReassemblyConfig;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reassembled TCP streams of a capture, as the pipeline's flow table delivers them (real
 * reader, decoder and reassembly): for oracles that decode a protocol's byte streams with another
 * implementation and for replaying those bytes into a parser in the order they were captured.
 */
public final class TcpStreams {
    /**
     * One delivery, in capture order across all flows: payload bytes, or a gap of {@code gap}
     * missing bytes (then {@code bytes} is empty).
     */
    public record Piece(long flowId, Direction direction, byte[] bytes, int gap) {}

    /** One TCP flow: its endpoints (client as the flow table decided) and each direction's bytes, gaps left out. */
    public record Stream(long flowId, String client, int clientPort, String server, int serverPort,
            byte[] fromClient, byte[] fromServer, boolean hadGaps) {
        public byte[] from(Direction direction) {
            return direction == Direction.CLIENT_TO_SERVER ? fromClient : fromServer;
        }
    }

    private final List<Piece> pieces;
    private final List<Stream> streams;

    private TcpStreams(List<Piece> pieces, List<Stream> streams) {
        this.pieces = pieces;
        this.streams = streams;
    }

    /** Every TCP flow of a pcap or pcapng file. */
    public static TcpStreams of(Path capture) {
        Recorder recorder = new Recorder();
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, recorder);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket packet = new DecodedPacket();
        long[] last = {0};
        CapturePackets.forEachFrame(capture, frame -> {
            if (decoder.decode(frame, packet) == PacketDecoder.Outcome.PACKET && packet.l4Protocol() == DecodedPacket.TCP) {
                table.process(packet);
                last[0] = Math.max(last[0], packet.timestampMicros());
            }
        });
        table.flushAll(last[0]);
        List<Stream> streams = new ArrayList<>();
        for (Flow f : recorder.flows.values()) {
            streams.add(new Stream(f.id(), f.clientAddress(), f.clientPort(), f.serverAddress(), f.serverPort(),
                    recorder.bytes(f.id(), Direction.CLIENT_TO_SERVER), recorder.bytes(f.id(), Direction.SERVER_TO_CLIENT),
                    recorder.gapFlows.contains(f.id())));
        }
        return new TcpStreams(List.copyOf(recorder.pieces), List.copyOf(streams));
    }

    /** Every delivery in capture order. */
    public List<Piece> pieces() {
        return pieces;
    }

    /** Every flow, in the order they started. */
    public List<Stream> streams() {
        return streams;
    }

    private static final class Recorder implements FlowListener {
        final Map<Long, Flow> flows = new LinkedHashMap<>();
        final List<Piece> pieces = new ArrayList<>();
        final Set<Long> gapFlows = new HashSet<>();
        private final Map<String, ByteArrayOutputStream> bytes = new HashMap<>();

        @Override
        public void onFlowStart(Flow flow, long timestampMicros) {
            flows.put(flow.id(), flow);
        }

        @Override
        public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long timestampMicros) {
            byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
            pieces.add(new Piece(flow.id(), direction, copy, 0));
            bytes.computeIfAbsent(flow.id() + " " + direction, k -> new ByteArrayOutputStream()).writeBytes(copy);
        }

        @Override
        public void onGap(Flow flow, Direction direction, int missingBytes, long timestampMicros) {
            pieces.add(new Piece(flow.id(), direction, new byte[0], missingBytes));
            gapFlows.add(flow.id());
        }

        @Override
        public void onFlowEnd(Flow flow, FlowEndReason reason, long timestampMicros) {
            // the streams are complete
        }

        byte[] bytes(long flowId, Direction direction) {
            ByteArrayOutputStream s = bytes.get(flowId + " " + direction);
            return s == null ? new byte[0] : s.toByteArray();
        }
    }
}
