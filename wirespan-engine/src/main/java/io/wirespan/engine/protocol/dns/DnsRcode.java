package io.wirespan.engine.protocol.dns;

import io.wirespan.api.ResponseStatus;

/**
 * A response code (RFC 1035 §4.1.1, IANA "DNS RCODEs"): the header's 4 bits. An open value type;
 * an unassigned number's name is the number as text.
 */
record DnsRcode(int code) {
    private static final String[] NAMES = {"NoError", "FormErr", "ServFail", "NXDomain", "NotImp", "Refused",
        "YXDomain", "YXRRSet", "NXRRSet", "NotAuth", "NotZone", "DSOTYPENI", "12", "13", "14", "15", "BADVERS",
        "BADKEY", "BADTIME", "BADMODE", "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE"};
    private static final DnsRcode[] CACHE = cache();

    static final DnsRcode NO_ERROR = valueOf(0);
    static final DnsRcode FORM_ERR = valueOf(1);
    static final DnsRcode SERV_FAIL = valueOf(2);
    static final DnsRcode NX_DOMAIN = valueOf(3);
    static final DnsRcode REFUSED = valueOf(5);

    DnsRcode {
        if (code < 0 || code > 0xFFF) throw new IllegalArgumentException("dns rcode out of range 0..4095: " + code);
    }

    static DnsRcode valueOf(int code) {
        return code >= 0 && code < CACHE.length ? CACHE[code] : new DnsRcode(code);
    }

    /** {@code NXDomain}, {@code ServFail}, ...; the number as text when unassigned. */
    String mnemonic() {
        return code < NAMES.length ? NAMES[code] : Integer.toString(code);
    }

    /** DeepFlow's rule: NoError ok, FormErr and NXDomain the client's fault, anything else the server's. */
    ResponseStatus status() {
        return switch (code) {
            case 0 -> ResponseStatus.OK;
            case 1, 3 -> ResponseStatus.CLIENT_ERROR;
            default -> ResponseStatus.SERVER_ERROR;
        };
    }

    @Override
    public String toString() {
        return mnemonic();
    }

    private static DnsRcode[] cache() {
        DnsRcode[] cache = new DnsRcode[NAMES.length];
        for (int i = 0; i < cache.length; i++) cache[i] = new DnsRcode(i);
        return cache;
    }
}
