package io.wirespan.api;

/** The outcome class of an exchange, as in DeepFlow's {@code response_status}. */
public enum ResponseStatus {
    OK("ok"),
    CLIENT_ERROR("client_error"),
    SERVER_ERROR("server_error"),
    TIMEOUT("timeout"),
    UNKNOWN("unknown"),
    PARSE_FAILED("parse_failed");

    private final String wireName;

    ResponseStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in call logs. */
    public String wireName() {
        return wireName;
    }

    public boolean isError() {
        return this == CLIENT_ERROR || this == SERVER_ERROR;
    }
}
