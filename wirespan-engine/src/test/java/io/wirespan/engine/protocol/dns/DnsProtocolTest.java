package io.wirespan.engine.protocol.dns;

import static io.wirespan.engine.protocol.dns.DnsSamples.QUERY;
import static io.wirespan.engine.protocol.dns.DnsSamples.RESPONSE;
import static io.wirespan.engine.protocol.dns.DnsSamples.query;
import static io.wirespan.engine.protocol.dns.DnsSamples.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ParseContext;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.Hex;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DnsProtocolTest {
    private final DnsProtocol dns = new DnsProtocol();

    private CheckResult checkUdp(byte[] payload) {
        return dns.check(Direction.CLIENT_TO_SERVER, payload, 0, payload.length, TestContext.udp());
    }

    private CheckResult checkTcp(byte[] payload) {
        return dns.check(Direction.CLIENT_TO_SERVER, payload, 0, payload.length, TestContext.tcp());
    }

    @Test
    void isDeepFlowsDnsParserOnBothTransports() {
        assertThat(dns.protocol()).isEqualTo(L7Protocol.DNS);
        assertThat(dns.configName()).isEqualTo("DNS");
        assertThat(dns.parsesTcp()).isTrue();
        assertThat(dns.parsesUdp()).isTrue();
        assertThat(dns.defaultPorts()).isEqualTo("53,5353");
        assertThat(dns.config()).isEqualTo(DnsConfig.DEFAULTS);
    }

    @Test
    void claimsAQueryAsARequest() {
        assertThat(checkUdp(QUERY)).isEqualTo(CheckResult.REQUEST);
        assertThat(checkTcp(tcp(QUERY))).isEqualTo(CheckResult.REQUEST);
        assertThat(checkUdp(query(1, 4, 6, "zone.example"))).as("NOTIFY").isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void claimsATcpQueryCutAfterItsQuestion() {
        byte[] withEdns = tcp(QUERY);
        withEdns[1] += 11; // the prefix announces an OPT record that is not visible yet
        withEdns[2 + 11] = 1; // ARCOUNT=1

        assertThat(checkTcp(withEdns)).isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void claimsAnMdnsQueryAskingForAUnicastResponse() {
        byte[] mdns = query(0, 0, 12, "_http._tcp.local");
        mdns[mdns.length - 2] |= (byte) 0x80; // QCLASS 0x8001: IN with the unicast-response bit

        assertThat(checkUdp(mdns)).isEqualTo(CheckResult.REQUEST);
    }

    @Test
    void rejectsResponsesAsDeepFlowDoes() {
        assertThat(checkUdp(RESPONSE)).isEqualTo(CheckResult.NOT_MINE);
        assertThat(checkTcp(tcp(RESPONSE))).isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void rejectsATcpQueryWithoutItsLengthPrefix() {
        assertThat(checkTcp(QUERY)).isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void rejectsAQueryForTheRoot() {
        assertThat(checkUdp(query(1, 0, 2, ""))).isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void rejectsQueriesWithInsaneHeaders() {
        assertThat(checkUdp(withByte(QUERY, 2, 0x19))).as("opcode 3").isEqualTo(CheckResult.NOT_MINE);
        assertThat(checkUdp(withByte(QUERY, 3, 0x40))).as("Z bit").isEqualTo(CheckResult.NOT_MINE);
        assertThat(checkUdp(withByte(QUERY, 3, 0x02))).as("RCODE on a query").isEqualTo(CheckResult.NOT_MINE);
        assertThat(checkUdp(withByte(QUERY, 5, 0x00))).as("no question").isEqualTo(CheckResult.NOT_MINE);
        assertThat(checkUdp(withByte(QUERY, 7, 0x09))).as("answers that cannot fit").isEqualTo(CheckResult.NOT_MINE);
        assertThat(checkUdp(withByte(QUERY, 30, 0x00))).as("QTYPE 0").isEqualTo(CheckResult.NOT_MINE);
        assertThat(checkUdp(withByte(QUERY, 32, 0x07))).as("QCLASS 7").isEqualTo(CheckResult.NOT_MINE);
        assertThat(checkUdp(withByte(QUERY, 12, 0x43))).as("bad label type").isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void rejectsEveryCutOfAQuery() {
        for (int cut = 0; cut < QUERY.length; cut++) {
            assertThat(checkUdp(Arrays.copyOf(QUERY, cut))).as("cut at %d", cut).isEqualTo(CheckResult.NOT_MINE);
            assertThat(checkTcp(Arrays.copyOf(tcp(QUERY), cut + 2))).as("cut at %d", cut).isEqualTo(CheckResult.NOT_MINE);
        }
    }

    @Test
    void rejectsOtherProtocolsAndNoise() {
        List<byte[]> others = new ArrayList<>(List.of(
                "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(),
                "*1\r\n$4\r\nPING\r\n".getBytes(),
                Hex.bytes("16 0301 00c8 01 0000c4 0303   # a TLS ClientHello"),
                Hex.bytes("0000000c 0003 0000 00000001 0000   # a Kafka ApiVersions request"),
                new byte[0],
                new byte[1]));
        Random random = new Random(53);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[1 + random.nextInt(200)];
            random.nextBytes(noise);
            others.add(noise);
        }

        for (byte[] payload : others) {
            assertThat(checkUdp(payload)).as(Hex.of(payload, 0, Math.min(16, payload.length))).isEqualTo(CheckResult.NOT_MINE);
            assertThat(checkTcp(payload)).as(Hex.of(payload, 0, Math.min(16, payload.length))).isEqualTo(CheckResult.NOT_MINE);
        }
    }

    @Test
    void checksWithoutAllocating() {
        ParseContext udp = TestContext.udp();
        ParseContext tcp = TestContext.tcp();
        byte[] framed = tcp(QUERY);
        byte[] garbage = "GET / HTTP/1.1\r\n\r\n".getBytes();
        for (int i = 0; i < 20_000; i++) runChecks(udp, tcp, framed, garbage); // warm up
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) runChecks(udp, tcp, framed, garbage);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by 400,000 checks").isLessThan(4096);
    }

    private void runChecks(ParseContext udp, ParseContext tcp, byte[] framed, byte[] garbage) {
        if (dns.check(Direction.CLIENT_TO_SERVER, QUERY, 0, QUERY.length, udp) != CheckResult.REQUEST
                || dns.check(Direction.CLIENT_TO_SERVER, framed, 0, framed.length, tcp) != CheckResult.REQUEST
                || dns.check(Direction.SERVER_TO_CLIENT, RESPONSE, 0, RESPONSE.length, udp) != CheckResult.NOT_MINE
                || dns.check(Direction.CLIENT_TO_SERVER, garbage, 0, garbage.length, tcp) != CheckResult.NOT_MINE) {
            throw new AssertionError("check changed its answer");
        }
    }

    @Test
    void checksOnlyTheViewItIsGiven() {
        byte[] padded = DnsSamples.concat(new byte[] {(byte) 0xFF, (byte) 0xFF}, QUERY, new byte[] {1, 2, 3});

        assertThat(dns.check(Direction.CLIENT_TO_SERVER, padded, 2, QUERY.length, TestContext.udp()))
                .isEqualTo(CheckResult.REQUEST);
        assertThat(dns.check(Direction.CLIENT_TO_SERVER, padded, 2, QUERY.length - 1, TestContext.udp()))
                .isEqualTo(CheckResult.NOT_MINE);
    }

    @Test
    void validatesItsConfigurationNamingTheKey() {
        assertThatThrownBy(() -> new DnsConfig(null))
                .hasMessageContaining(DnsConfig.UNCONCERNED_NXDOMAIN_SUFFIXES_KEY);
        assertThatThrownBy(() -> new DnsConfig(List.of("svc.cluster.local", " . ")))
                .hasMessageContaining(DnsConfig.UNCONCERNED_NXDOMAIN_SUFFIXES_KEY + "[1]");
        assertThat(new DnsConfig(new ArrayList<>(List.of(".svc.cluster.local."))).unconcernedNxdomainSuffixes())
                .containsExactly(".svc.cluster.local.");
    }

    private static byte[] withByte(byte[] message, int at, int value) {
        byte[] copy = message.clone();
        copy[at] = (byte) value;
        return copy;
    }
}
