package io.wirespan.engine.pipeline;

import io.wirespan.api.Direction;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowEndReason;

/** What one ended L4 flow looked like: the flow-level view beside the call logs. */
public record FlowSummary(
        long flowId,
        String protocol,
        String clientIp,
        int clientPort,
        String serverIp,
        int serverPort,
        long startMicros,
        long endMicros,
        long clientPackets,
        long serverPackets,
        long clientPayloadBytes,
        long serverPayloadBytes,
        FlowEndReason endReason) {

    static FlowSummary of(Flow flow, FlowEndReason reason) {
        return new FlowSummary(flow.id(), flow.l4Protocol() == DecodedPacket.TCP ? "TCP" : "UDP",
                flow.clientAddress(), flow.clientPort(), flow.serverAddress(), flow.serverPort(),
                flow.startMicros(), flow.lastMicros(),
                flow.packets(Direction.CLIENT_TO_SERVER), flow.packets(Direction.SERVER_TO_CLIENT),
                flow.payloadBytes(Direction.CLIENT_TO_SERVER), flow.payloadBytes(Direction.SERVER_TO_CLIENT),
                reason);
    }
}
