/**
 * DNS over UDP and TCP (RFC 1035 §4, TCP framing per RFC 7766 §8): one message per UDP datagram,
 * a 2-byte big-endian length before every message on TCP.
 *
 * <pre>
 *  bytes ─► DnsFramer (TCP only, one per direction)     ─► DnsDecoder ─► DnsMessage ─► DnsParser ─► L7Message
 *           HUNTING ──first frame that decodes──► IN_SYNC     header, question,   Query | Response
 *              ▲                                     │        answer + authority
 *              └──── length &lt; 12, insane header, gap ─┘        (names via DnsNames)
 * </pre>
 *
 * <p>{@link io.wirespan.engine.protocol.dns.DnsProtocol} is the entry: DeepFlow's "DNS" parser,
 * ports 53 and 5353. {@code check} accepts only a query (as DeepFlow does) and reads nothing but
 * the header and the first name; {@code parse} is lenient and emits a response with the records
 * that precede a damaged one. Compression pointers may only point backwards, before everything the
 * name has read so far, so no loop is possible; names are bounded to 255 wire bytes and 127
 * labels. Damage is counted under a {@code DnsCounter} reason, never thrown.
 */
package io.wirespan.engine.protocol.dns;
