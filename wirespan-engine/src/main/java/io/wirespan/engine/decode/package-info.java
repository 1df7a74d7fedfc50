/**
 * Frame decoding: link layer to TCP/UDP, tunnels stripped and IP fragments reassembled.
 *
 * <pre>
 *  RawPacket ─► link: Ethernet(+802.1Q/QinQ) │ SLL │ SLL2 │ NULL/LOOP │ raw IPv4/IPv6
 *                 │
 *                 ▼
 *              IPv4 (options, total length) │ IPv6 (extension headers) ──► IpDefragmenter
 *                 │                                    ▲                       │ complete
 *                 ▼                                    │                       ▼
 *              TCP │ UDP ──► DecodedPacket      IPIP / GRE / VXLAN ◄── decapsulate, depth-bounded
 * </pre>
 *
 * {@link io.wirespan.engine.decode.PacketDecoder} does it all without allocating per packet and
 * refills one {@link io.wirespan.engine.decode.DecodedPacket}; malformed input becomes a counted
 * {@link io.wirespan.engine.decode.SkipReason} in {@link io.wirespan.engine.decode.DecodeStats},
 * never an exception. Specifications: Ethernet and VLAN tags, IEEE 802.3 and 802.1Q; link types,
 * <a href="https://www.tcpdump.org/linktypes.html">tcpdump.org linktypes</a>;
 * IPv4, <a href="https://www.rfc-editor.org/rfc/rfc791">RFC 791</a>; IPv6,
 * <a href="https://www.rfc-editor.org/rfc/rfc8200">RFC 8200</a> (fragments §4.5, overlaps
 * <a href="https://www.rfc-editor.org/rfc/rfc5722">RFC 5722</a>, atomic fragments
 * <a href="https://www.rfc-editor.org/rfc/rfc6946">RFC 6946</a>); AH,
 * <a href="https://www.rfc-editor.org/rfc/rfc4302">RFC 4302</a>; TCP,
 * <a href="https://www.rfc-editor.org/rfc/rfc9293">RFC 9293</a>; UDP,
 * <a href="https://www.rfc-editor.org/rfc/rfc768">RFC 768</a>; VXLAN,
 * <a href="https://www.rfc-editor.org/rfc/rfc7348">RFC 7348</a>; IP in IP,
 * <a href="https://www.rfc-editor.org/rfc/rfc2003">RFC 2003</a> and
 * <a href="https://www.rfc-editor.org/rfc/rfc4213">RFC 4213</a>; GRE,
 * <a href="https://www.rfc-editor.org/rfc/rfc2784">RFC 2784</a> and
 * <a href="https://www.rfc-editor.org/rfc/rfc2890">RFC 2890</a>; ERSPAN,
 * <a href="https://datatracker.ietf.org/doc/html/draft-foschiano-erspan-03">draft-foschiano-erspan-03</a>.
 */
package io.wirespan.engine.decode;
