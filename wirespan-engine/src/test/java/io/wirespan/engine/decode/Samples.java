package io.wirespan.engine.decode;

import io.wirespan.engine.testing.Hex;

/** Hand-made frames shared by the unit, cross-check and fuzz-seed tests. One comment per field. */
final class Samples {
    private Samples() {}

    static final int NULL = 0, ETHERNET = 1, RAW = 101, LOOP = 108, SLL = 113, IPV4 = 228, IPV6 = 229, SLL2 = 276;

    static final String ETHERNET_IPV4 = """
            00 11 22 33 44 55   # destination MAC
            66 77 88 99 aa bb   # source MAC
            08 00               # EtherType IPv4
            """;

    static final String ETHERNET_IPV6 = """
            00 11 22 33 44 55   # destination MAC
            66 77 88 99 aa bb   # source MAC
            86 dd               # EtherType IPv6
            """;

    /** IPv4 10.0.0.1 -> 10.0.0.2, TCP 50000 -> 80 seq 1000 ack 2000 PSH|ACK, payload "GET ". */
    static final String IPV4_TCP = """
            45                  # version 4, IHL 5 (20 bytes)
            00                  # DSCP, ECN
            00 2c               # total length 44 = 20 + 20 + 4
            12 34               # identification
            40 00               # flags DF, fragment offset 0
            40                  # TTL 64
            06                  # protocol TCP
            00 00               # header checksum (not verified)
            0a 00 00 01         # source 10.0.0.1
            0a 00 00 02         # destination 10.0.0.2
            c3 50               # TCP source port 50000
            00 50               # destination port 80
            00 00 03 e8         # sequence number 1000
            00 00 07 d0         # acknowledgment number 2000
            50                  # data offset 5 (20 bytes)
            18                  # flags PSH|ACK
            ff ff               # window 65535
            00 00               # checksum
            00 00               # urgent pointer
            47 45 54 20         # payload "GET "
            """;

    /** IPv4 10.0.0.53 -> 10.0.0.9, UDP 53 -> 40000, payload "hello". */
    static final String IPV4_UDP = """
            45 00               # version 4, IHL 5; DSCP, ECN
            00 21               # total length 33 = 20 + 8 + 5
            00 01 00 00         # identification 1; no flags, offset 0
            40 11 00 00         # TTL 64, protocol UDP, checksum
            0a 00 00 35         # source 10.0.0.53
            0a 00 00 09         # destination 10.0.0.9
            00 35               # UDP source port 53
            9c 40               # destination port 40000
            00 0d               # length 13 = 8 + 5
            00 00               # checksum
            68 65 6c 6c 6f      # payload "hello"
            """;

    /** IPv4 with a 4-byte Router Alert option (RFC 2113), then the TCP segment of {@link #IPV4_TCP}. */
    static final String IPV4_OPTIONS_TCP = """
            46                  # version 4, IHL 6 (24 bytes)
            00                  # DSCP, ECN
            00 30               # total length 48 = 24 + 20 + 4
            12 34 40 00         # identification; flags DF
            40 06 00 00         # TTL 64, protocol TCP, checksum
            0a 00 00 01         # source 10.0.0.1
            0a 00 00 02         # destination 10.0.0.2
            94 04 00 00         # option: Router Alert, length 4, value 0
            c3 50 00 50         # TCP ports 50000 -> 80
            00 00 03 e8         # sequence number 1000
            00 00 07 d0         # acknowledgment number 2000
            50 18 ff ff         # data offset 5, PSH|ACK, window 65535
            00 00 00 00         # checksum, urgent pointer
            47 45 54 20         # payload "GET "
            """;

    /** IPv4 SYN with MSS, SACK-permitted, NOP and window-scale options (data offset 8). */
    static final String IPV4_TCP_OPTIONS = """
            45 00               # version 4, IHL 5; DSCP, ECN
            00 34               # total length 52 = 20 + 32
            00 02 40 00         # identification 2; flags DF
            40 06 00 00         # TTL 64, protocol TCP, checksum
            0a 00 00 01         # source 10.0.0.1
            0a 00 00 02         # destination 10.0.0.2
            c3 51 01 bb         # TCP ports 50001 -> 443
            ff ff ff fe         # sequence number 4294967294
            00 00 00 00         # acknowledgment number 0
            80                  # data offset 8 (32 bytes)
            02                  # flags SYN
            fa f0               # window 64240
            00 00 00 00         # checksum, urgent pointer
            02 04 05 b4         # option MSS 1460
            04 02               # option SACK permitted
            01                  # option NOP
            03 03 07            # option window scale 7
            01 01               # NOP padding to 32 bits
            """;

    /** IPv6 2001:db8::1 -> 2001:db8::2, TCP 50000 -> 80 seq 1000 ack 2000, payload "GET ". */
    static final String IPV6_TCP = """
            60 00 00 00         # version 6, traffic class 0, flow label 0
            00 18               # payload length 24 = 20 + 4
            06                  # next header TCP
            40                  # hop limit 64
            20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # source 2001:db8::1
            20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02   # destination 2001:db8::2
            c3 50 00 50         # TCP ports 50000 -> 80
            00 00 03 e8         # sequence number 1000
            00 00 07 d0         # acknowledgment number 2000
            50 18 ff ff         # data offset 5, PSH|ACK, window 65535
            00 00 00 00         # checksum, urgent pointer
            47 45 54 20         # payload "GET "
            """;

    /** IPv6 with hop-by-hop, destination options, routing and AH headers before a UDP datagram. */
    static final String IPV6_EXTENSIONS_UDP = """
            60 00 00 00         # version 6
            00 3d               # payload length 61 = 8 + 8 + 8 + 24 + 8 + 5
            00                  # next header hop-by-hop options
            40                  # hop limit
            fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01   # source fe80::1
            ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 fb   # destination ff02::fb
            3c 00               # hop-by-hop: next header destination options, length 0 (8 bytes)
            01 04 00 00 00 00   #   PadN option, 4 bytes
            2b 00               # destination options: next header routing, length 0
            01 04 00 00 00 00   #   PadN option, 4 bytes
            33 00               # routing: next header AH, length 0
            fd 00               #   routing type 253 (RFC 4727 experiment), segments left 0
            00 00 00 00         #   type-specific data
            11 04               # AH: next header UDP, payload length 4 -> (4 + 2) * 4 = 24 bytes
            00 00               #   reserved
            00 00 10 00         #   SPI
            00 00 00 01         #   sequence number
            00 00 00 00 00 00 00 00 00 00 00 00   # ICV, 12 bytes
            14 e9               # UDP source port 5353
            14 e9               # destination port 5353
            00 0d               # length 13
            00 00               # checksum
            68 65 6c 6c 6f      # payload "hello"
            """;

    /** IPv4 UDP to port 4789 carrying VXLAN VNI 12345 around Ethernet + {@link #IPV4_TCP}. */
    static final String IPV4_VXLAN = """
            45 00               # version 4, IHL 5
            00 5e               # total length 94 = 20 + 8 + 8 + 14 + 44
            00 03 00 00         # identification 3
            40 11 00 00         # TTL 64, protocol UDP
            c0 a8 00 01         # source 192.168.0.1
            c0 a8 00 02         # destination 192.168.0.2
            d4 31               # UDP source port 54321
            12 b5               # destination port 4789 (VXLAN)
            00 4a               # length 74 = 8 + 8 + 14 + 44
            00 00               # checksum
            08 00 00 00         # VXLAN flags: I (VNI valid); reserved
            00 30 39            # VNI 12345
            00                  # reserved
            """ + ETHERNET_IPV4 + IPV4_TCP;

    /** IPv4 protocol 4 (IP in IP) around {@link #IPV4_TCP}. */
    static final String IPV4_IPIP = """
            45 00               # version 4, IHL 5
            00 40               # total length 64 = 20 + 44
            00 04 00 00         # identification 4
            40 04 00 00         # TTL 64, protocol 4 (IPv4)
            c0 a8 00 01         # source 192.168.0.1
            c0 a8 00 02         # destination 192.168.0.2
            """ + IPV4_TCP;

    /** IPv4 protocol 41 (IPv6 in IPv4, RFC 4213) around {@link #IPV6_TCP}. */
    static final String IPV4_IPV6_IN_IP = """
            45 00               # version 4, IHL 5
            00 54               # total length 84 = 20 + 64
            00 05 00 00         # identification 5
            40 29 00 00         # TTL 64, protocol 41 (IPv6)
            c0 a8 00 01         # source 192.168.0.1
            c0 a8 00 02         # destination 192.168.0.2
            """ + IPV6_TCP;

    /** IPv4 GRE with a key, carrying Ethernet (transparent bridging) + {@link #IPV4_TCP}. */
    static final String IPV4_GRE_ETHERNET = """
            45 00               # version 4, IHL 5
            00 56               # total length 86 = 20 + 8 + 14 + 44
            00 06 00 00         # identification 6
            40 2f 00 00         # TTL 64, protocol 47 (GRE)
            c0 a8 00 01         # source 192.168.0.1
            c0 a8 00 02         # destination 192.168.0.2
            20 00               # GRE flags: K (key present), version 0
            65 58               # protocol type: transparent Ethernet bridging
            00 00 00 07         # key 7
            """ + ETHERNET_IPV4 + IPV4_TCP;

    /** IPv4 GRE with a sequence number, carrying ERSPAN type II + Ethernet + {@link #IPV4_TCP}. */
    static final String IPV4_GRE_ERSPAN2 = """
            45 00               # version 4, IHL 5
            00 5e               # total length 94 = 20 + 8 + 8 + 14 + 44
            00 07 00 00         # identification 7
            40 2f 00 00         # TTL 64, protocol 47 (GRE)
            c0 a8 00 01         # source 192.168.0.1
            c0 a8 00 02         # destination 192.168.0.2
            10 00               # GRE flags: S (sequence number present)
            88 be               # protocol type: ERSPAN type II
            00 00 00 01         # sequence number 1
            10 0a               # ERSPAN version 1, VLAN 10
            00 01               # COS, encapsulation, truncated, session id 1
            00 00 00 00         # reserved, index
            """ + ETHERNET_IPV4 + IPV4_TCP;

    /** Ethernet + IPv4 TCP with an empty payload, padded to the 60-byte Ethernet minimum. */
    static final String ETHERNET_PADDED = ETHERNET_IPV4 + """
            45 00 00 28         # version 4, IHL 5; total length 40 = 20 + 20
            00 08 40 00         # identification 8, flags DF
            40 06 00 00         # TTL 64, protocol TCP
            0a 00 00 02         # source 10.0.0.2
            0a 00 00 01         # destination 10.0.0.1
            00 50 c3 50         # TCP ports 80 -> 50000
            00 00 07 d0         # sequence number 2000
            00 00 03 ec         # acknowledgment number 1004
            50 10 ff ff         # data offset 5, ACK, window 65535
            00 00 00 00         # checksum, urgent pointer
            00 00 00 00 00 00   # Ethernet padding, not IP payload
            """;

    static final String VLAN_TAG = """
            81 00               # TPID 802.1Q
            00 64               # TCI: priority 0, VLAN 100
            """;

    /** Ethernet, one 802.1Q tag (VLAN 100), {@link #IPV4_TCP}. */
    static final String ETHERNET_VLAN = """
            00 11 22 33 44 55   # destination MAC
            66 77 88 99 aa bb   # source MAC
            81 00               # EtherType 802.1Q
            00 64               # TCI: VLAN 100
            08 00               # EtherType IPv4
            """ + IPV4_TCP;

    /** Ethernet, an 802.1ad service tag (VLAN 10) over an 802.1Q tag (VLAN 100), {@link #IPV6_TCP}. */
    static final String ETHERNET_QINQ = """
            00 11 22 33 44 55   # destination MAC
            66 77 88 99 aa bb   # source MAC
            88 a8               # EtherType 802.1ad (QinQ outer)
            00 0a               # TCI: VLAN 10
            81 00               # EtherType 802.1Q (inner)
            00 64               # TCI: VLAN 100
            86 dd               # EtherType IPv6
            """ + IPV6_TCP;

    /** Linux cooked capture v1 header for IPv4. */
    static final String SLL_IPV4 = """
            00 00               # packet type: to us
            00 01               # ARPHRD_ETHER
            00 06               # link-layer address length 6
            66 77 88 99 aa bb 00 00   # address, padded to 8
            08 00               # protocol IPv4
            """;

    /** Linux cooked capture v2 header for IPv6. */
    static final String SLL2_IPV6 = """
            86 dd               # protocol IPv6
            00 00               # reserved
            00 00 00 02         # interface index 2
            00 01               # ARPHRD_ETHER
            04                  # packet type: outgoing
            06                  # link-layer address length 6
            66 77 88 99 aa bb 00 00   # address, padded to 8
            """;

    static final String NULL_IPV4_LITTLE_ENDIAN = "02 00 00 00   # AF_INET, little-endian host\n";
    static final String NULL_IPV4_BIG_ENDIAN = "00 00 00 02   # AF_INET, big-endian host\n";
    static final String NULL_IPV6_DARWIN = "1e 00 00 00   # AF_INET6 on Darwin (30), little-endian\n";
    static final String NULL_IPV6_FREEBSD_BIG_ENDIAN = "00 00 00 1c   # AF_INET6 on FreeBSD (28), big-endian\n";
    static final String LOOP_IPV6_OPENBSD = "00 00 00 18   # AF_INET6 on OpenBSD (24), network order\n";

    /** A named frame with its link type, for loops over every sample. */
    record Sample(String name, int linkType, byte[] frame) {}

    static Sample[] all() {
        return new Sample[] {
            new Sample("ethernet-ipv4-tcp", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_TCP)),
            new Sample("ethernet-ipv4-udp", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_UDP)),
            new Sample("ethernet-ipv4-options", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_OPTIONS_TCP)),
            new Sample("ethernet-tcp-options", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_TCP_OPTIONS)),
            new Sample("ethernet-ipv6-tcp", ETHERNET, Hex.bytes(ETHERNET_IPV6, IPV6_TCP)),
            new Sample("ethernet-ipv6-extensions", ETHERNET, Hex.bytes(ETHERNET_IPV6, IPV6_EXTENSIONS_UDP)),
            new Sample("ethernet-padded", ETHERNET, Hex.bytes(ETHERNET_PADDED)),
            new Sample("ethernet-vlan", ETHERNET, Hex.bytes(ETHERNET_VLAN)),
            new Sample("ethernet-qinq", ETHERNET, Hex.bytes(ETHERNET_QINQ)),
            new Sample("ethernet-vxlan", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_VXLAN)),
            new Sample("ethernet-ipip", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_IPIP)),
            new Sample("ethernet-ipv6-in-ipv4", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_IPV6_IN_IP)),
            new Sample("ethernet-gre-ethernet", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_GRE_ETHERNET)),
            new Sample("ethernet-gre-erspan2", ETHERNET, Hex.bytes(ETHERNET_IPV4, IPV4_GRE_ERSPAN2)),
            new Sample("sll-ipv4-tcp", SLL, Hex.bytes(SLL_IPV4, IPV4_TCP)),
            new Sample("sll2-ipv6-tcp", SLL2, Hex.bytes(SLL2_IPV6, IPV6_TCP)),
            new Sample("null-le-ipv4-tcp", NULL, Hex.bytes(NULL_IPV4_LITTLE_ENDIAN, IPV4_TCP)),
            new Sample("null-be-ipv4-udp", NULL, Hex.bytes(NULL_IPV4_BIG_ENDIAN, IPV4_UDP)),
            new Sample("null-darwin-ipv6-tcp", NULL, Hex.bytes(NULL_IPV6_DARWIN, IPV6_TCP)),
            new Sample("null-freebsd-be-ipv6-tcp", NULL, Hex.bytes(NULL_IPV6_FREEBSD_BIG_ENDIAN, IPV6_TCP)),
            new Sample("loop-ipv6-tcp", LOOP, Hex.bytes(LOOP_IPV6_OPENBSD, IPV6_TCP)),
            new Sample("raw-ipv4-tcp", RAW, Hex.bytes(IPV4_TCP)),
            new Sample("raw-ipv6-udp", RAW, Hex.bytes(IPV6_EXTENSIONS_UDP)),
            new Sample("ipv4-udp", IPV4, Hex.bytes(IPV4_UDP)),
            new Sample("ipv6-tcp", IPV6, Hex.bytes(IPV6_TCP)),
        };
    }
}
