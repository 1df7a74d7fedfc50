package io.wirespan.engine.flow;

import io.wirespan.engine.tcp.ReassemblyStats;

/**
 * A snapshot of a {@link FlowTable}'s counters.
 *
 * @param packets every packet given to {@link FlowTable#process}
 * @param ignoredPackets packets neither TCP nor UDP
 * @param flowsCreated flows started since the table was made
 * @param openFlows flows open now
 * @param evictions flows removed to make room at the flow limit (whatever reason they reported)
 * @param endedFin flows ended per {@link FlowEndReason}, one field per reason
 */
public record FlowStats(
        long packets,
        long tcpPackets,
        long udpPackets,
        long ignoredPackets,
        long flowsCreated,
        long openFlows,
        long evictions,
        long endedFin,
        long endedRst,
        long endedIdleTimeout,
        long endedEvicted,
        long endedPortReuse,
        long endedEndOfInput,
        ReassemblyStats reassembly) {

    public long ended(FlowEndReason reason) {
        return switch (reason) {
            case FIN -> endedFin;
            case RST -> endedRst;
            case IDLE_TIMEOUT -> endedIdleTimeout;
            case EVICTED -> endedEvicted;
            case PORT_REUSE -> endedPortReuse;
            case END_OF_INPUT -> endedEndOfInput;
        };
    }

    /** Both tables' counters: the shards of one pipeline. */
    public FlowStats plus(FlowStats o) {
        return new FlowStats(packets + o.packets, tcpPackets + o.tcpPackets, udpPackets + o.udpPackets,
                ignoredPackets + o.ignoredPackets, flowsCreated + o.flowsCreated, openFlows + o.openFlows,
                evictions + o.evictions, endedFin + o.endedFin, endedRst + o.endedRst,
                endedIdleTimeout + o.endedIdleTimeout, endedEvicted + o.endedEvicted, endedPortReuse + o.endedPortReuse,
                endedEndOfInput + o.endedEndOfInput, reassembly.plus(o.reassembly));
    }
}
