package io.wirespan.engine.protocol.mongodb;

/**
 * What a MongoDB parser counts ({@code MongoDB.<name in snake_case>}): why a message, or part of
 * one, could not be read, never thrown; and what it read or skipped.
 */
enum MongoCounter {
    /** A header out of range (length, opcode) where a message should start. */
    BAD_HEADER,
    /** The opcode's fixed fields or sections do not fit the message. */
    BAD_BODY,
    /** A BSON document that does not validate (bad lengths, types, terminators, nesting). */
    BAD_DOCUMENT,
    /** OP_COMPRESSED data that does not decompress. */
    BAD_COMPRESSED,
    /** OP_COMPRESSED with zstd (id 3), which needs a library Wirespan does not carry: framed and counted, not read. */
    UNSUPPORTED_COMPRESSOR,
    /** A message whose first document exceeds what is held back for it: reported without its document. */
    TOO_LARGE,
    /** Bytes skipped while looking for a message start. */
    RESYNC_SKIPPED_BYTES,
    /** Messages decoded and emitted (those reported by header only included). */
    MESSAGES
}
