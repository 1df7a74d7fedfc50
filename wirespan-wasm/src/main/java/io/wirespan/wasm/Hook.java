package io.wirespan.wasm;

/** The plugin exports the host calls on events, with the bit of the hook bitmap that enables each (ABI §4). */
public enum Hook {
    CHECK_PAYLOAD("check_payload", 0),
    PARSE_PAYLOAD("parse_payload", 0),
    HTTP_REQ("on_http_req", 127),
    HTTP_RESP("on_http_resp", 126),
    CUSTOM_MESSAGE("on_custom_message", 125);

    private final String export;
    private final int bit;

    Hook(String export, int bit) {
        this.export = export;
        this.bit = bit;
    }

    public String export() {
        return export;
    }

    /** The bit of the u128 hook bitmap, 0 being the least significant. */
    int bit() {
        return bit;
    }
}
