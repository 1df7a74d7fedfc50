package io.wirespan.cli;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.wirespan.api.CallLog;
import io.wirespan.cli.otlp.OtlpSpans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Batches sent as spans to an OpenTelemetry collector or any OTLP/HTTP receiver
 * ({@code POST /v1/traces}, gzip'd protobuf), one span per call log (see {@link OtlpSpans}).
 * An attempt has 10 s; a refused connection or a busy answer (429, 502, 503, 504) is tried twice
 * more after 0.5 and 1 s, any other failure gives the batch up at once. Nothing is spooled: the
 * receiver is usually a collector beside the agent, which does its own queueing.
 */
final class OtlpDestination implements CallLogShipper.Destination {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;
    /** Every attempt's timeout and the waits between them, and a margin. */
    private static final long GIVE_UP_MILLIS = ATTEMPTS * TIMEOUT.toMillis() + 5_000;

    private final URI endpoint;
    private final OtlpSpans spans;
    private final OtlpHttpSpanExporter exporter;

    /**
     * @param endpoint the receiver's traces URL ({@code http://collector:4318/v1/traces}), or its base
     *     URL ({@code http://collector:4318}), to which {@code /v1/traces} is added
     * @param headers sent with every request (an API key, a tenant)
     * @param hostName the agent's host, the resource's {@code host.name}
     * @throws IllegalArgumentException when the endpoint is not an http or https URL
     */
    OtlpDestination(URI endpoint, Map<String, String> headers, String hostName) {
        this.endpoint = tracesUrl(endpoint);
        this.spans = new OtlpSpans(OtlpSpans.DEFAULT_SERVICE_NAME, hostName);
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint(this.endpoint.toString())
                .setCompression("gzip")
                .setTimeout(TIMEOUT)
                .setConnectTimeout(TIMEOUT)
                .setRetryPolicy(RetryPolicy.builder()
                        .setMaxAttempts(ATTEMPTS)
                        .setInitialBackoff(Duration.ofMillis(500))
                        .setMaxBackoff(Duration.ofSeconds(1))
                        .setBackoffMultiplier(2)
                        .build())
                .setMeterProvider(MeterProvider.noop()); // its own metrics would reach for the global OpenTelemetry
        headers.forEach(builder::addHeader);
        this.exporter = builder.build();
    }

    /** The traces URL of an endpoint: {@code /v1/traces} added to a URL without a path. */
    static URI tracesUrl(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("the OTLP endpoint must be an http or https URL, not " + endpoint);
        }
        String path = endpoint.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? endpoint.resolve("/v1/traces") : endpoint;
    }

    @Override
    public void deliver(List<CallLog> batch) throws IOException {
        CompletableResultCode result = exporter.export(spans.spans(batch)).join(GIVE_UP_MILLIS, TimeUnit.MILLISECONDS);
        if (!result.isDone()) {
            throw new IOException("no answer from the OTLP receiver at " + endpoint + " in " + GIVE_UP_MILLIS / 1000 + " s");
        }
        if (!result.isSuccess()) {
            throw new IOException("the OTLP receiver at " + endpoint + " did not take the spans: "
                    + reason(result.getFailureThrowable()), result.getFailureThrowable());
        }
    }

    /** What went wrong, from the socket's exception the exporter wraps two or three times. */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) return "cannot connect";
            if (t instanceof HttpTimeoutException) return "no answer in " + TIMEOUT.toSeconds() + " s";
            if (t instanceof IOException && !(t instanceof UncheckedIOException) && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return "an error status (the exporter's warning has it)"; // the exporter keeps the status to itself
    }

    @Override
    public void finish() {
        exporter.shutdown().join(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String describe() {
        return endpoint.toString();
    }
}
