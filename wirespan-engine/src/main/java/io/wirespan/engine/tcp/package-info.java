/**
 * TCP stream reassembly, one {@link io.wirespan.engine.tcp.TcpReassembler} per direction of a
 * flow (RFC 9293 sequence space, compared modulo 2^32). In-order bytes are passed on as views of
 * the packet; only data behind a hole is copied, bounded per direction and by a
 * {@link io.wirespan.engine.tcp.ReassemblyBudget} shared by the table; a hole that will not fill
 * becomes a gap the parser can resynchronise after (Zeek's {@code Undelivered}). The state of one
 * direction:
 *
 * <pre>
 *   delivered          hole (gap if given up)   buffered, sorted, copied
 *  ────────────────┬───────────────────────────┬──────┬─────┬──────┬──────
 *   ...already sent │                           │ seg  │     │ seg  │
 *  ────────────────┴───────────────────────────┴──────┴─────┴──────┴──────
 *                  ▲ nextSeq (expected)        ▲ head.seq
 *
 *  segment at nextSeq      → delivered as a view, then buffered segments it reaches
 *  segment before nextSeq  → old bytes trimmed (retransmission, keep-alive), rest as above
 *  segment after nextSeq   → copied into the list (bytes already buffered win)
 *  peer ACK ≥ head.seq, hole older than the timeout, buffer or budget full, flow end
 *                          → onGap(head.seq - nextSeq), nextSeq = head.seq, deliver
 * </pre>
 *
 * <p>The stream starts at the SYN (ISN + 1) or, mid-connection, at the first pure ACK or data
 * segment (keep-alives one below it excepted).
 */
package io.wirespan.engine.tcp;
