package io.wirespan.engine.protocol.dns;

import java.util.Map;

/**
 * A header OPCODE (RFC 1035 §4.1.1, RFC 1996 NOTIFY, RFC 2136 UPDATE, RFC 8490 DSO). Its text is
 * what DeepFlow writes in the {@code opcode} attribute: {@code StandardQuery}, {@code InverseQuery},
 * {@code ServerStatusRequest}, {@code Notify}, {@code Update}, and {@code Reserved} for the rest.
 */
record DnsOpcode(int code) {
    private static final String[] NAMES = {"StandardQuery", "InverseQuery", "ServerStatusRequest", "Reserved",
        "Notify", "Update", "Reserved", "Reserved", "Reserved", "Reserved", "Reserved", "Reserved", "Reserved",
        "Reserved", "Reserved", "Reserved"};
    private static final DnsOpcode[] CACHE = new DnsOpcode[16];
    /** The attribute map of each opcode, built once: messages share them. */
    @SuppressWarnings("unchecked")
    private static final Map<String, String>[] ATTRIBUTES = new Map[16];

    static {
        for (int i = 0; i < 16; i++) {
            CACHE[i] = new DnsOpcode(i);
            ATTRIBUTES[i] = Map.of("opcode", NAMES[i]);
        }
    }

    static final DnsOpcode QUERY = valueOf(0);
    static final DnsOpcode NOTIFY = valueOf(4);
    static final DnsOpcode UPDATE = valueOf(5);

    DnsOpcode {
        if (code < 0 || code > 15) throw new IllegalArgumentException("dns opcode out of range 0..15: " + code);
    }

    static DnsOpcode valueOf(int code) {
        return CACHE[code];
    }

    String mnemonic() {
        return NAMES[code];
    }

    /** {@code {opcode=<mnemonic>}}, shared. */
    Map<String, String> attributes() {
        return ATTRIBUTES[code];
    }

    /** Assigned and meaningful with a question: QUERY, IQUERY, STATUS, NOTIFY, UPDATE. DSO (6) has none. */
    boolean expectsQuestion() {
        return code <= 2 || code == 4 || code == 5;
    }

    @Override
    public String toString() {
        return mnemonic();
    }
}
