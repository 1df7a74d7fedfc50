package io.wirespan.api;

/** Receives the messages a parser finds; the engine pairs them into call logs. */
@FunctionalInterface
public interface MessageSink {
    void emit(L7Message message);
}
