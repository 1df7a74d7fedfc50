package io.wirespan.api;

/** Whether a call log holds a merged exchange or one side of it. */
public enum CallLogType {
    /** Request and response merged (or a protocol message that is a whole exchange). */
    SESSION("session"),
    /** A request whose response was never seen. */
    REQUEST("request"),
    /** A response whose request was never seen. */
    RESPONSE("response");

    private final String wireName;

    CallLogType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
