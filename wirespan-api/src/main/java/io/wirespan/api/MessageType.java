package io.wirespan.api;

/** What one parsed L7 message is, before pairing. */
public enum MessageType {
    /** Sent by the client; waits for its response. */
    REQUEST,
    /** Sent by the server; completes a waiting request. */
    RESPONSE,
    /** A whole exchange in one message (a one-way publish, a notification); never paired. */
    SESSION
}
