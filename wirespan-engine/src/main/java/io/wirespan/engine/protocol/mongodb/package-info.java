/**
 * MongoDB wire protocol, per the MongoDB manual's "MongoDB Wire Protocol" reference
 * (https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/) and "Legacy Opcodes"
 * (https://www.mongodb.com/docs/manual/legacy-opcodes/); BSON per https://bsonspec.org/spec.html;
 * OP_COMPRESSED per the "Wire Compression" specification (compressor ids 0 noop, 1 snappy, 2 zlib,
 * 3 zstd) and Snappy's {@code format_description.txt}.
 *
 * <pre>
 *  bytes ─► MongoFramer (one per direction) ─────────────► MongoDecoder ──► MongoMessage ──► MongoParser ──► L7Message
 *           HUNTING ──first message that decodes──► IN_SYNC    header + body:            request: requestID,
 *              ▲                                    │    ▲     OP_MSG sections,             opcode, command JSON
 *              └──── bad header, gap ───────────────┘    │     OP_QUERY/OP_REPLY/legacy,   reply: responseTo,
 *                         message in view only in part ─► SKIPPING (rest consumed          ok/errmsg/code
 *                                                          as it arrives)
 * </pre>
 *
 * <p>{@link io.wirespan.engine.protocol.mongodb.MongoProtocol} is the entry. A message is decoded
 * as soon as its first document (command, query, reply) is in view: the rest of a large message is
 * consumed as it arrives, never held. A first document past {@code MongoFramer.MAX_HELD} (128 KiB)
 * is not waited for: the message is reported by its header. Documents are validated element by
 * element (lengths, types, terminators, nesting depth) before {@code org.bson} reads them, and are
 * printed as relaxed Extended JSON cut at {@code payload_truncation}. A reply with {@code ok: 0},
 * an {@code errmsg}/{@code $err} or the OP_REPLY QueryFailure flag is a client error with its
 * {@code code}. OP_COMPRESSED is inflated (zlib via {@code java.util.zip}, snappy by
 * {@code Snappy}, noop) up to 256 KiB and decoded as its original opcode; zstd has no decompressor
 * here (zstd-jni is 6 MB of native libraries, the pure-Java aircompressor relies on
 * {@code sun.misc.Unsafe}, which JDK 25 warns about): such a message is framed, counted and reported
 * by header only. Damage is counted under a {@code MongoCounter} reason, never thrown.
 */
package io.wirespan.engine.protocol.mongodb;
