package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.wirespan.api.CallLog;

/**
 * Kafka, MQTT, AMQP, NATS, Pulsar, RocketMQ and others, after the messaging span conventions. The
 * operation is the request type (Kafka's API name, MQTT's packet type); the destination is Kafka's
 * topic (its endpoint is {@code topic-partition}) or the endpoint (MQTT's topic) for the others.
 */
record MessagingCall(CallLog log, String system, String destination, String partition) implements Semantics {

    static MessagingCall of(CallLog log, String system) {
        String destination = log.endpoint(), partition = null;
        if (system.equals("kafka")) {
            destination = log.requestDomain();
            String endpoint = log.endpoint();
            if (destination != null && endpoint != null && endpoint.startsWith(destination + "-")) {
                partition = endpoint.substring(destination.length() + 1);
            }
        }
        return new MessagingCall(log, system, destination, partition);
    }

    @Override
    public SpanKind kind() {
        return SpanKind.CLIENT;
    }

    @Override
    public String spanName() {
        String name = Semantics.joined(log.requestType(), destination);
        return name != null ? name : system;
    }

    @Override
    public void addTo(AttributesBuilder a) {
        a.put("messaging.system", system);
        a.put("messaging.operation.name", log.requestType());
        a.put("messaging.destination.name", destination);
        a.put("messaging.destination.partition.id", partition);
        if (system.equals("kafka")) a.put("messaging.consumer.group.name", log.attributes().get("group_id"));
        if (system.equals("mqtt")) a.put("messaging.client.id", log.requestDomain()); // CONNECT's client id
    }
}
