package io.wirespan.engine.protocol.http;

/**
 * What an HTTP/1 parser counts ({@code HTTP.<name in snake_case>}): each anomaly it met, none of
 * which stops parsing (Zeek's named weirds), and the messages it read past.
 */
enum HttpCounter {
    /** Runs of bytes skipped while looking for a start line (garbage, mid-stream start, after a gap). */
    RESYNCS,
    /** Bytes skipped in those runs. */
    RESYNC_SKIPPED_BYTES,
    /** Lines that looked like a start line and did not parse. */
    BAD_START_LINES,
    /** Header lines without a colon or a name: skipped. */
    BAD_HEADER_LINES,
    /** Continuation lines (obs-fold, RFC 9112 §5.2): skipped. */
    OBSOLETE_FOLDS,
    /** Start lines, header lines or chunk lines longer than the limits. */
    LINES_TOO_LONG,
    /** Heads larger than {@link HttpFramer#MAX_HEAD}. */
    HEADS_TOO_LARGE,
    /** Heads dropped unfinished (limit, gap). */
    DROPPED_HEADS,
    /** Content-Length values that are not a number (or disagree with each other). */
    BAD_CONTENT_LENGTHS,
    /** A request Transfer-Encoding that does not end in chunked (RFC 9112 §6.3 rule 4). */
    BAD_TRANSFER_ENCODINGS,
    /** Chunk-size lines or chunk ends that do not parse. */
    BAD_CHUNKS,
    /** Gaps reported by reassembly. */
    GAPS,
    /** Gaps that took the end of a body, or its chunk framing: the framer then resynchronises. */
    GAPS_ACROSS_MESSAGES,
    /** Requests forgotten because more than the bound were waiting for responses. */
    PENDING_OVERFLOWS,
    /** Interim (1xx other than 101) responses, read past without a call log. */
    INTERIM_RESPONSES,
    /** Request heads reported incomplete because their response began. */
    EARLY_HEADS,
    /** Heads reported incomplete at the end of the flow. */
    PARTIAL_HEADS_AT_END
}
