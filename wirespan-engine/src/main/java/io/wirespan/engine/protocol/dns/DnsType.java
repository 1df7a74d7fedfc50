package io.wirespan.engine.protocol.dns;

/**
 * A resource-record TYPE or QTYPE (RFC 1035 §3.2.2–3.2.3, IANA "Resource Record (RR) TYPEs"). An
 * open value type: an unassigned number is as valid as {@link #A}, and its text is the number.
 */
record DnsType(int code) {
    private static final String[] MNEMONICS = mnemonics();
    private static final DnsType[] CACHE = cache();

    static final DnsType A = valueOf(1);
    static final DnsType NS = valueOf(2);
    static final DnsType CNAME = valueOf(5);
    static final DnsType SOA = valueOf(6);
    static final DnsType WKS = valueOf(11);
    static final DnsType PTR = valueOf(12);
    static final DnsType MX = valueOf(15);
    static final DnsType TXT = valueOf(16);
    static final DnsType AAAA = valueOf(28);
    static final DnsType SRV = valueOf(33);
    static final DnsType DNAME = valueOf(39);
    static final DnsType OPT = valueOf(41);
    static final DnsType SVCB = valueOf(64);
    static final DnsType HTTPS = valueOf(65);
    static final DnsType ANY = valueOf(255);

    DnsType {
        if (code < 0 || code > 0xFFFF) throw new IllegalArgumentException("dns type out of range 0..65535: " + code);
    }

    /** The type for a wire value; known values are shared instances. */
    static DnsType valueOf(int code) {
        return code >= 0 && code < CACHE.length ? CACHE[code] : new DnsType(code);
    }

    /** The IANA mnemonic ({@code AAAA}, {@code HTTPS}), or the number as text when unassigned. */
    String mnemonic() {
        if (code < MNEMONICS.length && MNEMONICS[code] != null) return MNEMONICS[code];
        return switch (code) {
            case 32768 -> "TA";
            case 32769 -> "DLV";
            default -> Integer.toString(code);
        };
    }

    /** A or AAAA: a query for an address, whose name DeepFlow reports as the request domain. */
    boolean isAddress() {
        return code == 1 || code == 28;
    }

    @Override
    public String toString() {
        return mnemonic();
    }

    private static DnsType[] cache() {
        DnsType[] cache = new DnsType[MNEMONICS.length];
        for (int i = 0; i < cache.length; i++) cache[i] = new DnsType(i);
        return cache;
    }

    private static String[] mnemonics() {
        String[] m = new String[258];
        String[] low = {null, "A", "NS", "MD", "MF", "CNAME", "SOA", "MB", "MG", "MR", "NULL", "WKS", "PTR", "HINFO",
            "MINFO", "MX", "TXT", "RP", "AFSDB", "X25", "ISDN", "RT", "NSAP", "NSAP-PTR", "SIG", "KEY", "PX", "GPOS",
            "AAAA", "LOC", "NXT", "EID", "NIMLOC", "SRV", "ATMA", "NAPTR", "KX", "CERT", "A6", "DNAME", "SINK", "OPT",
            "APL", "DS", "SSHFP", "IPSECKEY", "RRSIG", "NSEC", "DNSKEY", "DHCID", "NSEC3", "NSEC3PARAM", "TLSA",
            "SMIMEA", null, "HIP", "NINFO", "RKEY", "TALINK", "CDS", "CDNSKEY", "OPENPGPKEY", "CSYNC", "ZONEMD",
            "SVCB", "HTTPS", "DSYNC"};
        System.arraycopy(low, 0, m, 0, low.length);
        m[99] = "SPF";
        m[104] = "NID";
        m[105] = "L32";
        m[106] = "L64";
        m[107] = "LP";
        m[108] = "EUI48";
        m[109] = "EUI64";
        m[249] = "TKEY";
        m[250] = "TSIG";
        m[251] = "IXFR";
        m[252] = "AXFR";
        m[253] = "MAILB";
        m[254] = "MAILA";
        m[255] = "ANY";
        m[256] = "URI";
        m[257] = "CAA";
        return m;
    }
}
