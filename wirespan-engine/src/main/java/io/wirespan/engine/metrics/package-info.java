/**
 * Application (RED) metrics from call logs, as the last section of call-log.md defines them:
 * {@link io.wirespan.engine.metrics.RedMetrics} sums request, response, error, timeout, latency and
 * byte counts per epoch-aligned window (1 s and 60 s by default) and per series
 * {@code (l7_protocol, ip_1, server_port, endpoint)}, after DeepFlow's {@code L7PerfStats} and
 * {@code l7_quadruple_generator}; latency percentiles come from a mergeable relative-error
 * {@link io.wirespan.engine.metrics.QuantileSketch}; windows are drained in packet time by a
 * watermark, live series are capped with overflow rows, and
 * {@link io.wirespan.engine.metrics.MetricsJson} and {@link io.wirespan.engine.metrics.MetricsTable}
 * write the resulting {@link io.wirespan.engine.metrics.MetricsRow}s.
 */
package io.wirespan.engine.metrics;
