/**
 * HTTP/1.0 and HTTP/1.1 (RFC 9112, "HTTP/1.1"; semantics from RFC 9110): requests and responses
 * of one TCP connection become call-log messages, paired in order.
 *
 * <p>{@link io.wirespan.engine.protocol.http.HttpProtocol} recognises a flow and makes one parser
 * per flow; that parser runs one framer per direction, each this resumable state machine:
 *
 * <pre>
 *            ┌──────────────── empty line (skipped, §2.2)
 *            ▼      │
 *   ┌──► START_LINE ┘──── not a start line / too long ────► RESYNC ── skips to the next LF ──┐
 *   │        │ request-line (§3) or status-line (§4)            ▲                             │
 *   │        ▼                                                  │ line or head over the limits│
 *   │     HEADERS ── field-line (§5) ──► HEADERS ───────────────┘                             │
 *   │        │ empty line: the head is complete, the message is reported                      │
 *   │        ├── no body (HEAD, 1xx, 204, 304, request without length) ──────────────► START_LINE
 *   │        ├── Content-Length (§6.3 rule 6) ──► BODY ── length read ────────────────► START_LINE
 *   │        ├── chunked (§7.1) ──► CHUNK_SIZE ⇄ CHUNK_DATA → CHUNK_END; size 0 ──► TRAILERS
 *   │        │                       TRAILERS ── empty line ──────────────────────────► START_LINE
 *   │        ├── response without length (§6.3 rule 8) ──► UNTIL_CLOSE (to the flow's end)
 *   │        └── 101 Switching Protocols, CONNECT 2xx ──► SWITCHED (the engine re-identifies)
 *   └──────────────────────────────────────────────────────────────────────────────────────────┘
 * </pre>
 *
 * <p>The framer consumes whole lines and body bytes as they arrive and keeps nothing itself: an
 * unfinished line is left to the engine, which offers it again with the next bytes. Bodies are
 * read past, never kept. A request's method is queued until its response, whose framing depends
 * on it (HEAD, CONNECT); interim responses (100 Continue) are read past. A gap inside a body of
 * known length only shortens it; elsewhere it drops the message in progress and the framer
 * resynchronises, as it does on garbage and on a capture that starts mid-message. Every anomaly
 * is counted ({@code HttpCounter}); none stops the parser.
 */
package io.wirespan.engine.protocol.http;
