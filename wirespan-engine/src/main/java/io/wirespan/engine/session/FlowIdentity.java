package io.wirespan.engine.session;

/** The L4 facts a call log carries about its flow, captured once per flow (and again if its sides swap). */
public record FlowIdentity(long flowId, String transport, String clientIp, int clientPort, String serverIp, int serverPort) {}
