package io.wirespan.engine.flow;

import io.wirespan.api.Direction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what a flow table reports: readable events, and per flow and direction the delivered
 * byte stream, where a gap is written as Wireshark's Follow TCP Stream writes a hole the peer
 * acknowledged ({@code "[N bytes missing in capture file]"} plus a NUL), so streams compare
 * byte for byte with tshark's.
 */
final class RecordingListener implements FlowListener {
    final List<String> events = new ArrayList<>();
    final Map<Long, Flow> flows = new LinkedHashMap<>();
    final Map<Long, FlowEndReason> endReasons = new HashMap<>();
    private final Map<String, ByteArrayOutputStream> streams = new HashMap<>();

    @Override
    public void onFlowStart(Flow flow, long timestampMicros) {
        flows.put(flow.id(), flow);
        events.add("start #" + flow.id() + " " + flow.clientAddress() + ":" + flow.clientPort()
                + " -> " + flow.serverAddress() + ":" + flow.serverPort() + " @" + timestampMicros);
    }

    @Override
    public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long timestampMicros) {
        events.add("#" + flow.id() + " " + arrow(direction) + " " + new String(data, offset, length, StandardCharsets.ISO_8859_1)
                + " @" + timestampMicros);
        stream(flow, direction).write(data, offset, length);
    }

    @Override
    public void onGap(Flow flow, Direction direction, int missingBytes, long timestampMicros) {
        events.add("#" + flow.id() + " " + arrow(direction) + " gap " + missingBytes + " @" + timestampMicros);
        byte[] marker = ("[" + missingBytes + " bytes missing in capture file]\0").getBytes(StandardCharsets.US_ASCII);
        stream(flow, direction).write(marker, 0, marker.length);
    }

    @Override
    public void onFlowClosed(Flow flow, long timestampMicros) {
        events.add("closed #" + flow.id() + " @" + timestampMicros);
    }

    @Override
    public void onFlowEnd(Flow flow, FlowEndReason reason, long timestampMicros) {
        endReasons.put(flow.id(), reason);
        events.add("end #" + flow.id() + " " + reason + " @" + timestampMicros);
    }

    /** What was delivered in that direction (relative to the orientation at delivery time). */
    byte[] bytes(Flow flow, Direction direction) {
        ByteArrayOutputStream s = streams.get(flow.id() + " " + direction);
        return s == null ? new byte[0] : s.toByteArray();
    }

    String text(Flow flow, Direction direction) {
        return new String(bytes(flow, direction), StandardCharsets.ISO_8859_1);
    }

    Flow flow(long id) {
        return flows.get(id);
    }

    private ByteArrayOutputStream stream(Flow flow, Direction direction) {
        return streams.computeIfAbsent(flow.id() + " " + direction, k -> new ByteArrayOutputStream());
    }

    private static String arrow(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? "c>s" : "s>c";
    }
}
