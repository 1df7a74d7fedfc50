package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.wirespan.api.CallLog;

/**
 * gRPC, Dubbo and other RPC, after the RPC server span conventions. Service and method come from
 * the endpoint ({@code /package.Service/Method} for gRPC, {@code service/method} otherwise).
 */
record RpcCall(CallLog log, String system, String service, String method) implements Semantics {

    static RpcCall of(CallLog log, String system) {
        String service = null, method = null;
        String endpoint = log.endpoint();
        if (endpoint != null) {
            String full = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
            int slash = full.lastIndexOf('/');
            if (slash > 0 && slash < full.length() - 1) {
                service = full.substring(0, slash);
                method = full.substring(slash + 1);
            }
        }
        if (service == null) {
            // gRPC keeps the service as the resource (its domain is the :authority); Dubbo keeps it as the domain
            service = system.equals("grpc") ? log.requestResource() : log.requestDomain();
        }
        return new RpcCall(log, system, service, method);
    }

    @Override
    public SpanKind kind() {
        return SpanKind.SERVER;
    }

    @Override
    public String spanName() {
        return service != null && method != null ? service + "/" + method : Semantics.fallbackName(log);
    }

    @Override
    public void addTo(AttributesBuilder a) {
        a.put("rpc.system", system);
        a.put("rpc.service", service);
        a.put("rpc.method", method);
        if (system.equals("grpc") && log.responseCode() != null) {
            a.put("rpc.grpc.status_code", log.responseCode().longValue());
        }
    }
}
