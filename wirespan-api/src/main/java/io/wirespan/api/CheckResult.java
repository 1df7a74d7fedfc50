package io.wirespan.api;

/**
 * The answer of {@link L7ProtocolProvider#check}: not this protocol, or this protocol and which
 * side sent the bytes, which tells the engine which side of the flow is the client.
 */
public enum CheckResult {
    NOT_MINE,
    /** The bytes are a request: their sender is the client. */
    REQUEST,
    /** The bytes are a response: their sender is the server. */
    RESPONSE;

    public boolean matched() {
        return this != NOT_MINE;
    }
}
