/**
 * HTTP/2 and the RPC protocols carried in it (gRPC, Dubbo's Triple), seen passively.
 *
 * <p>Specifications: RFC 9113 (HTTP/2: framing §4, frame types §6, streams §5, the client preface
 * §3.4), RFC 7541 (HPACK: integers and strings §5, the static table Appendix A, the dynamic table
 * §2.3 and §4, Huffman code Appendix B), and gRPC's {@code doc/PROTOCOL-HTTP2.md} (content type
 * {@code application/grpc*}, {@code grpc-status} and the percent-encoded {@code grpc-message} in
 * trailers, trailers-only responses). Field mapping and gRPC quirks follow DeepFlow
 * ({@code shared/spec/deepflow-l7-reference.md} §3.3, §3.4).
 *
 * <pre>
 *   bytes ──► Http2Framer (per direction)          PREFACE → HEADER ⇄ FIELDS / DATA_BODY / BLOCK / PADDING / SKIP
 *               │  garbage, gap ─► RESYNC (scan for a plausible header) ─► HEADER
 *               ├─ header block ─► HpackDecoder (per direction: StaticTable, HpackDynamicTable, Huffman)
 *               │                    └─► HeaderCollector
 *               └─ DATA lengths, RST_STREAM, GOAWAY, SETTINGS
 *                        ▼
 *             Http2Parser: StreamTable (bounded) of Http2Stream ─► Http2Records ─► L7Message
 * </pre>
 *
 * <p>Only {@link io.wirespan.engine.protocol.http2.Http2Protocol} is public.
 */
package io.wirespan.engine.protocol.http2;
