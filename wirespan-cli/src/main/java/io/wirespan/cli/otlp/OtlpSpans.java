package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.wirespan.api.CallLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Call logs as OpenTelemetry spans, one span per call log, for an OTLP exporter.
 *
 * <ul>
 *   <li>Kind, name and the protocol family's attributes: {@link Semantics} (SERVER for HTTP and
 *       RPC, CLIENT for the rest; a call log does not say where it was captured).
 *   <li>Times: the call log's start and end, microseconds made nanoseconds.
 *   <li>Trace: the call log's trace id ({@link TraceIds}: hex kept, anything else hashed), else a
 *       random one. The call log's span id is the caller's span, so it becomes the parent and the
 *       network span its child. The span's own id is random: the agent sends a batch once, so
 *       there is no re-sent span to recognise.
 *   <li>Status: ERROR for client errors, server errors and timeouts, described by the exception
 *       text; UNSET otherwise (a network observer cannot vouch for OK).
 *   <li>Resource: {@code service.name} as given (the agent's default, {@value #DEFAULT_SERVICE_NAME},
 *       names the observer: the observed services are the spans' {@code server.address}), and
 *       {@code host.name}, the agent's host. Scope {@code io.wirespan} with Wirespan's version.
 * </ul>
 */
public final class OtlpSpans {
    public static final String DEFAULT_SERVICE_NAME = "wirespan";
    static final String SCOPE = "io.wirespan";

    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final IdGenerator ids = IdGenerator.random();

    public OtlpSpans(String serviceName, String hostName) {
        this.resource = Resource.getDefault().merge(Resource.builder()
                .put("service.name", serviceName)
                .put("host.name", hostName)
                .build());
        InstrumentationScopeInfoBuilder scopeInfo = InstrumentationScopeInfo.builder(SCOPE);
        String version = OtlpSpans.class.getPackage().getImplementationVersion();
        if (version != null) scopeInfo.setVersion(version);
        this.scope = scopeInfo.build();
    }

    public List<SpanData> spans(List<CallLog> logs) {
        List<SpanData> spans = new ArrayList<>(logs.size());
        for (CallLog log : logs) spans.add(span(log));
        return spans;
    }

    public SpanData span(CallLog log) {
        Semantics call = Semantics.of(log);
        String traceId = TraceIds.traceId(log.traceId());
        String parentId = traceId == null ? null : TraceIds.spanId(log.spanId());
        if (traceId == null) traceId = ids.generateTraceId();
        SpanContext parent = parentId == null ? SpanContext.getInvalid()
                : SpanContext.createFromRemoteParent(traceId, parentId, TraceFlags.getSampled(), TraceState.getDefault());
        SpanContext own = SpanContext.create(traceId, ids.generateSpanId(), TraceFlags.getSampled(), TraceState.getDefault());

        AttributesBuilder attributes = Attributes.builder();
        CommonAttributes.network(log, call.kind(), attributes);
        call.addTo(attributes);
        CommonAttributes.wirespan(log, attributes);

        long start = TimeUnit.MICROSECONDS.toNanos(log.startTime());
        long end = Math.max(start, TimeUnit.MICROSECONDS.toNanos(log.endTime()));
        return new CallLogSpan(call.spanName(), call.kind(), own, parent, status(log), start, end, attributes.build(),
                resource, scope);
    }

    private static StatusData status(CallLog log) {
        if (!CommonAttributes.isError(log)) return StatusData.unset();
        String text = log.responseException();
        return StatusData.create(StatusCode.ERROR, text != null ? text : log.responseStatus().wireName());
    }
}
