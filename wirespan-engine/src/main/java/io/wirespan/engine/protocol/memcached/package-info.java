/**
 * Memcached, text and binary protocols (<a href="https://github.com/memcached/memcached/blob/master/doc/protocol.txt">protocol.txt</a>,
 * <a href="https://github.com/memcached/memcached/wiki/BinaryProtocolRevamped">Binary Protocol Revamped</a>), as
 * DeepFlow's "Memcached" parser reports it (DeepFlow L7 reference §3.10, §7.3).
 *
 * <pre>
 *  bytes ─► MemcachedFramer (one per direction)                     ─► MemcachedMessage ─► MemcachedParser ─► L7Message
 *           LINE ──storage cmd / VALUE / VA──► DATA ─► DATA_CR ─► DATA_LF ─► LINE     Command | Reply | Binary
 *             │ VALUE/STAT: the reply runs to END
 *             │ 0x80/0x81 ──► BINARY_BODY (extras, key kept, value skipped) ──► LINE
 *             ▼ data not ended by CRLF, bad binary header, gap
 *           HUNTING ──next line end──► LINE
 * </pre>
 *
 * <p>{@link io.wirespan.engine.protocol.memcached.MemcachedProtocol} is the entry. Text: request_type
 * = the verb, request_resource = the command line, response_result = the first reply line, status
 * NOT_FOUND unknown, ERROR/CLIENT_ERROR client error, SERVER_ERROR server error, else ok; pairing in
 * order. Binary: request_type = the opcode name, request_resource = the key, response_code = the
 * status; pairing by opaque. Lines wait for their end (at most 64 KiB); data blocks are consumed as
 * they arrive. Damage is counted under a {@code MemcachedCounter} reason, never thrown.
 */
package io.wirespan.engine.protocol.memcached;
