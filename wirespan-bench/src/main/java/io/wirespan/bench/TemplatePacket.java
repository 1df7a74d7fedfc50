package io.wirespan.bench;

/**
 * One input frame, with everything a replica needs to rewrite it decided in advance, so that
 * writing a replica is a copy and a few patches.
 *
 * @param relativeMicros time since its input capture began
 * @param sourceHost the replica host standing for the source address, or -1 for non-IPv4 frames
 * @param destinationHost likewise for the destination address
 * @param clientPortOffset where the client's port sits in {@code frame}, or -1 when no port shifts
 * @param newFlowProtocol {@link FrameLayout#TCP} or {@link FrameLayout#UDP} when the frame is the
 *     first of its 5-tuple in the template, else 0: it lets a run count the flows it writes
 */
record TemplatePacket(long relativeMicros, byte[] frame, int originalLength, FrameLayout layout,
                      int sourceHost, int destinationHost, int clientPortOffset, int newFlowProtocol) {}
