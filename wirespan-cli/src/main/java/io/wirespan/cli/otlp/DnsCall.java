package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.wirespan.api.CallLog;

/** DNS: a client span named by the query type ({@code DNS AAAA}); the name asked is an attribute. */
record DnsCall(CallLog log) implements Semantics {
    @Override
    public SpanKind kind() {
        return SpanKind.CLIENT;
    }

    @Override
    public String spanName() {
        return Semantics.fallbackName(log);
    }

    @Override
    public void addTo(AttributesBuilder a) {
        a.put("dns.question.name", log.requestResource());
    }
}
