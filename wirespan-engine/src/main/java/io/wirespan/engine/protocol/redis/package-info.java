/**
 * Redis (RESP2 and RESP3, <a href="https://github.com/redis/redis-specifications/blob/master/protocol/RESP3.md">RESP3
 * specification</a>, <a href="https://redis.io/docs/latest/develop/reference/protocol-spec/">Redis serialization
 * protocol</a>) as DeepFlow's "Redis" parser reports it (DeepFlow L7 reference §3.8).
 *
 * <pre>
 *  bytes ─► RedisFramer (one per direction)                      ─► RedisMessage ─► RedisParser ─► L7Message
 *           VALUE ──$n──► BULK ─► BULK_CR ─► BULK_LF ─► VALUE       Command | Reply   request: type = name as sent,
 *             │  (*n %n ~n &gt;n |n push a depth frame; a              resource = args joined (masked, truncated)
 *             │   frame's last element pops it)                       response: label of the type byte,
 *             ▼ bad type / length / line, gap                         server_error for - and !
 *           HUNTING ──CRLF + type byte ('*' for the client)──► VALUE
 * </pre>
 *
 * <p>{@link io.wirespan.engine.protocol.redis.RedisProtocol} is the entry. {@code check} accepts a
 * command array whose first bulk string is a known command; {@code parse} reads any RESP value:
 * header lines wait for their CRLF (at most {@link io.wirespan.engine.protocol.redis.RedisFramer#MAX_LINE}
 * bytes), bulk payloads are consumed as they arrive and only the first {@code payload_truncation}
 * bytes of arguments are kept, aggregates nest up to 32 deep. Inline commands ({@code PING\r\n})
 * are read once the flow is identified. Pairing is in order; RESP3 pushes and pub/sub messages are
 * skipped so that they do not shift it. Damage is counted under a {@code RedisCounter} reason,
 * never thrown.
 */
package io.wirespan.engine.protocol.redis;
