package io.wirespan.engine.protocol.http;

/**
 * What one flow's HTTP/1 parser met that was not a well-formed message: each anomaly is counted,
 * none stops parsing (Zeek's named weirds). Plain fields, written by the parser's one thread.
 */
final class HttpCounters {
    /** Runs of bytes skipped while looking for a start line (garbage, mid-stream start, after a gap). */
    long resyncs;
    /** Bytes skipped in those runs. */
    long skippedBytes;
    /** Lines that looked like a start line and did not parse. */
    long badStartLines;
    /** Header lines without a colon or a name: skipped. */
    long badHeaderLines;
    /** Continuation lines (obs-fold, RFC 9112 §5.2): skipped. */
    long obsoleteFolds;
    /** Start lines, header lines or chunk lines longer than the limits. */
    long linesTooLong;
    /** Heads larger than {@link HttpFramer#MAX_HEAD}. */
    long headsTooLarge;
    /** Heads dropped unfinished (limit, gap). */
    long droppedHeads;
    /** Content-Length values that are not a number (or disagree with each other). */
    long badContentLengths;
    /** A request Transfer-Encoding that does not end in chunked (RFC 9112 §6.3 rule 4). */
    long badTransferEncodings;
    /** Chunk-size lines or chunk ends that do not parse. */
    long badChunks;
    /** Gaps reported by reassembly. */
    long gaps;
    /** Gaps that took the end of a body, or its chunk framing: the framer then resynchronises. */
    long gapsAcrossMessages;
    /** Requests forgotten because more than the bound were waiting for responses. */
    long pendingOverflows;
    /** Interim (1xx other than 101) responses, read past without a call log. */
    long interimResponses;
    /** Request heads reported incomplete because their response began. */
    long earlyHeads;
    /** Heads reported incomplete at the end of the flow. */
    long partialHeadsAtEnd;

    @Override
    public String toString() {
        return "HttpCounters[resyncs=" + resyncs + ", skippedBytes=" + skippedBytes + ", badStartLines=" + badStartLines
                + ", badHeaderLines=" + badHeaderLines + ", obsoleteFolds=" + obsoleteFolds + ", linesTooLong="
                + linesTooLong + ", headsTooLarge=" + headsTooLarge + ", droppedHeads=" + droppedHeads
                + ", badContentLengths=" + badContentLengths + ", badTransferEncodings=" + badTransferEncodings
                + ", badChunks=" + badChunks + ", gaps=" + gaps + ", gapsAcrossMessages=" + gapsAcrossMessages
                + ", pendingOverflows=" + pendingOverflows + ", interimResponses=" + interimResponses
                + ", earlyHeads=" + earlyHeads + ", partialHeadsAtEnd=" + partialHeadsAtEnd + "]";
    }
}
