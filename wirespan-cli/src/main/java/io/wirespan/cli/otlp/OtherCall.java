package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.wirespan.api.CallLog;

/** A protocol no convention covers (TLS, FastCGI, a plugin's): a client span with the common attributes only. */
record OtherCall(CallLog log) implements Semantics {
    @Override
    public SpanKind kind() {
        return SpanKind.CLIENT;
    }

    @Override
    public String spanName() {
        return Semantics.fallbackName(log);
    }

    @Override
    public void addTo(AttributesBuilder a) {}
}
