/**
 * Flow tracking: a {@link io.wirespan.engine.flow.FlowTable} per worker groups decoded packets
 * into bidirectional TCP and UDP {@link io.wirespan.engine.flow.Flow}s (5-tuple plus tunnel id,
 * found through a symmetric hash in an allocation-free open-addressing table), decides client and
 * server, follows TCP state (OPENING → ESTABLISHED → CLOSING → CLOSED_FIN, or CLOSED_RST), expires
 * flows on packet time with DeepFlow's conntrack timeouts, bounds the number of open flows, and
 * hands each direction's reassembled stream, gaps and flow ends to a
 * {@link io.wirespan.engine.flow.FlowListener}, the seam where the L7 protocol engine plugs in.
 */
package io.wirespan.engine.flow;
