/**
 * Tag extraction shared by the parsers, after DeepFlow's {@code processors.request_log.tag_extraction}:
 * trace and span ids from tracing headers (W3C {@code traceparent}, SkyWalking {@code sw8}/{@code sw6}/
 * {@code sw3}, Jaeger {@code uber-trace-id}, Zipkin {@code b3} and {@code X-B3-*}, or any header
 * named in the configuration), request ids, the real client behind proxies, and the HTTP endpoint
 * (the first segments of the path) that metrics aggregate on.
 */
package io.wirespan.engine.tags;
