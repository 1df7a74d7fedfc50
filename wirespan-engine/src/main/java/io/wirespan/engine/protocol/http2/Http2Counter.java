package io.wirespan.engine.protocol.http2;

/**
 * What an HTTP/2 parser counts ({@code HTTP2.<name in snake_case>}), both directions together:
 * frames and header blocks read, and what was skipped, lost or could not be read.
 */
enum Http2Counter {
    /** Frame headers read in step. */
    FRAMES,
    /** Times the framing was lost (garbage, a gap across frames) and searched for again. */
    RESYNCS,
    /** Bytes skipped while searching for a frame header. */
    RESYNC_SKIPPED_BYTES,
    /** Frames that break RFC 9113 (padding past the payload, a stray CONTINUATION, a frame inside a header block). */
    MALFORMED_FRAMES,
    /** Header blocks lost before they were whole: over {@link Http2Framer#MAX_HEADER_BLOCK}, or cut by a bad frame, garbage or a gap. */
    DROPPED_HEADER_BLOCKS,
    /** Gaps inside a DATA payload, which the framing survives. */
    DATA_GAPS,
    /** Times a direction's HPACK table was marked out of step because a header block was lost. */
    HEADER_TABLE_DESYNCS,
    /** Header blocks decoded (HPACK). */
    HEADER_BLOCKS,
    /** References to dynamic table entries this observer never saw: the header is skipped. */
    UNKNOWN_TABLE_REFERENCES,
    /** Header blocks that do not decode (a string past the block, a bad integer or Huffman code, index 0). */
    MALFORMED_HEADER_BLOCKS,
    /** Header lists over the limit: decoded for the table, the rest not delivered. */
    TRUNCATED_HEADER_LISTS,
    /** Table size updates above the receiver's SETTINGS_HEADER_TABLE_SIZE. */
    TABLE_SIZE_VIOLATIONS,
    /** Streams evicted from the bounded stream table, reported as far as they went. */
    EVICTED_STREAMS,
    /** DATA frames of a stream not open: not reported. */
    ORPHAN_DATA_FRAMES
}
