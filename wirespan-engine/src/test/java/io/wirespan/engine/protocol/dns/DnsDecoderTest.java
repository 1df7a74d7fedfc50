package io.wirespan.engine.protocol.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.protocol.dns.DnsMessage.Answer;
import io.wirespan.engine.protocol.dns.DnsMessage.Query;
import io.wirespan.engine.protocol.dns.DnsMessage.Question;
import io.wirespan.engine.protocol.dns.DnsMessage.Response;
import io.wirespan.engine.testing.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DnsDecoderTest {
    private final DnsDecoder decoder = new DnsDecoder();

    private DnsMessage decode(byte[] message) {
        return decoder.decode(message, 0, message.length, 100);
    }

    @Test
    void decodesAQueryQuestion() {
        DnsMessage message = decode(DnsSamples.QUERY);

        assertThat(message).isEqualTo(new Query(0x1234, DnsOpcode.QUERY, new Question("www.example.com", DnsType.A), 33));
        assertThat(decoder.problem()).isNull();
    }

    @Test
    void decodesAnswersAndAuthorityThroughCompressionPointers() {
        Response response = (Response) decode(DnsSamples.RESPONSE);

        assertThat(response.id()).isEqualTo(0x1234);
        assertThat(response.rcode()).isEqualTo(DnsRcode.NO_ERROR);
        assertThat(response.question()).isEqualTo(new Question("www.example.com", DnsType.A));
        assertThat(response.answers()).containsExactly(
                new Answer(DnsType.CNAME, "web.example.com", 3600),
                new Answer(DnsType.A, "192.0.2.1", 60),
                new Answer(DnsType.SOA, "ns.example.com", 900));
        assertThat(decoder.problem()).isNull();
    }

    @Test
    void decodesAMessageInsideALargerArray() {
        byte[] padded = DnsSamples.concat(new byte[] {7, 7, 7}, DnsSamples.RESPONSE, new byte[] {9, 9});

        DnsMessage message = decoder.decode(padded, 3, DnsSamples.RESPONSE.length, 100);

        assertThat(((Response) message).answers()).hasSize(3);
    }

    @Test
    void rejectsAPointerBackIntoTheNameItself() {
        byte[] loop = Hex.bytes("""
                0001 0100 0001 0000 0000 0000   # header: query, QDCOUNT=1
                03 777777                       # 12 "www"
                c00c                            # 16 pointer to 12: the name's own start, a loop
                0001 0001                       # QTYPE A, QCLASS IN
                """);

        assertThat(decode(loop)).isNull();
        assertThat(decoder.problem()).isEqualTo(DnsCounter.BAD_POINTER);
    }

    @Test
    void rejectsTwoNamesPointingAtEachOther() {
        // The answer's CNAME target "b" points at the owner "a" (allowed: backwards), which points
        // forward at the target: the walk from the target reaches a pointer past where it started.
        byte[] cycle = Hex.bytes("""
                0001 8180 0001 0001 0000 0000   # header: response, QDCOUNT=1 ANCOUNT=1
                01 78 00 0001 0001              # 12 question "x" A IN
                01 61 c021                      # 19 owner "a" + pointer to 33 (forward: bad)
                0005 0001 00000001 0004         # 23 CNAME IN TTL=1 RDLENGTH=4
                01 62 c013                      # 33 "b" + pointer to 19
                """);
        // Owner names are walked before the record is read: the forward pointer stops the records.
        Response response = (Response) decode(cycle);

        assertThat(response.answers()).isEmpty();
        assertThat(decoder.problem()).isEqualTo(DnsCounter.PARTIAL_RECORDS);
    }

    @Test
    void rejectsAPointerIntoTheHeader() {
        byte[] bad = Hex.bytes("""
                0001 0100 0001 0000 0000 0000   # header: query
                c004                            # 12 pointer to 4, inside the header
                0001 0001
                """);

        assertThat(decode(bad)).isNull();
        assertThat(decoder.problem()).isEqualTo(DnsCounter.BAD_POINTER);
    }

    @Test
    void rejectsReservedLabelTypes() {
        byte[] bad = Hex.bytes("""
                0001 0100 0001 0000 0000 0000   # header: query
                41 00                           # 12 0x40 prefix: RFC 6891 extended label type
                0001 0001
                """);

        assertThat(decode(bad)).isNull();
        assertThat(decoder.problem()).isEqualTo(DnsCounter.BAD_LABEL);
    }

    @Test
    void rejectsANameLongerThan255Bytes() {
        String label = "a".repeat(63);
        byte[] query = DnsSamples.query(1, 0, 1, String.join(".", label, label, label, label)); // 4 x 64 + 1 = 257

        assertThat(decode(query)).isNull();
        assertThat(decoder.problem()).isEqualTo(DnsCounter.NAME_TOO_LONG);
    }

    @Test
    void acceptsANameOfExactly255Bytes() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, "a".repeat(61)); // 3 x 64 + 62 + 1 = 255

        assertThat(decode(DnsSamples.query(1, 0, 1, name)).question().name()).isEqualTo(name);
    }

    @Test
    void rejectsAQueryCutInsideItsQuestion() {
        for (int cut = 0; cut < DnsSamples.QUERY.length; cut++) {
            byte[] truncated = Arrays.copyOf(DnsSamples.QUERY, cut);

            assertThat(decode(truncated)).as("cut at %d", cut).isNull();
            assertThat(decoder.problem()).isEqualTo(DnsCounter.TRUNCATED);
        }
    }

    @Test
    void keepsTheRecordsBeforeOneCutShort() {
        byte[] truncated = Arrays.copyOf(DnsSamples.RESPONSE, 70); // inside the SOA record's fixed fields

        Response response = (Response) decode(truncated);

        assertThat(response.answers()).extracting(Answer::type).containsExactly(DnsType.CNAME, DnsType.A);
        assertThat(response.answerCount()).isEqualTo(2);
        assertThat(decoder.problem()).isEqualTo(DnsCounter.PARTIAL_RECORDS);
    }

    @Test
    void rejectsAQueryWithoutQuestion() {
        byte[] bare = Hex.bytes("0001 0100 0000 0000 0000 0000   # query header, QDCOUNT=0");

        assertThat(decode(bare)).isNull();
        assertThat(decoder.problem()).isEqualTo(DnsCounter.NO_QUESTION);
    }

    @Test
    void decodesAResponseWithoutQuestion() {
        byte[] formErr = Hex.bytes("0001 8101 0000 0000 0000 0000   # response, RCODE=1 FormErr, no sections");

        Response response = (Response) decode(formErr);

        assertThat(response.question()).isNull();
        assertThat(response.rcode()).isEqualTo(DnsRcode.FORM_ERR);
    }

    @Test
    void keepsOnlyAsManyRecordsAsAsked() {
        Response response = (Response) decoder.decode(DnsSamples.RESPONSE, 0, DnsSamples.RESPONSE.length, 1);

        assertThat(response.answers()).hasSize(1);
        assertThat(response.answerCount()).isEqualTo(3);
    }

    @Test
    void writesIpv6AddressesInRfc5952Form() {
        assertThat(ipv6("20010db8000000000000000000000001")).isEqualTo("2001:db8::1");
        assertThat(ipv6("20010db8000000010001000100010001")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ipv6("20010db8000000000001000000000000")).isEqualTo("2001:db8:0:0:1::");
        assertThat(ipv6("20010db8000000000001000000000001")).as("first of equal runs").isEqualTo("2001:db8::1:0:0:1");
        assertThat(ipv6("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(ipv6("fe800000000000000000000000000000")).isEqualTo("fe80::");
        assertThat(ipv6("00000000000000000000ffffc0000201")).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void showsTheAddressOfAnAaaaAnswer() {
        byte[] response = Hex.bytes("""
                0002 8180 0001 0001 0000 0000   # header: response, QDCOUNT=1 ANCOUNT=1
                01 78 00 001c 0001              # 12 question "x" AAAA IN
                c00c 001c 0001 0000012c 0010    # 19 owner -> 12, AAAA IN TTL=300 RDLENGTH=16
                20010db8000000000000000000000001   # 31 2001:db8::1
                """);

        assertThat(((Response) decode(response)).answers())
                .containsExactly(new Answer(DnsType.AAAA, "2001:db8::1", 300));
    }

    @Test
    void showsNoValueForTypesDeepFlowDoesNotRender() {
        byte[] response = Hex.bytes("""
                0003 8180 0001 0001 0000 0000   # header: response, QDCOUNT=1 ANCOUNT=1
                01 78 00 000f 0001              # 12 question "x" MX IN
                c00c 000f 0001 0000003c 0005    # 19 owner -> 12, MX IN TTL=60 RDLENGTH=5
                000a 01 6d 00                   # 31 PREFERENCE 10, EXCHANGE "m"
                """);

        assertThat(((Response) decode(response)).answers()).containsExactly(new Answer(DnsType.MX, null, 60));
    }

    @Test
    void escapesLabelBytesThatAreNotPrintable() {
        byte[] query = Hex.bytes("""
                0004 0100 0001 0000 0000 0000   # header: query
                05 61 2e 62 01 20               # 12 label "a.b\\x01 " : a dot, a control byte, a space
                05 c3a974c3a9                   # 18 label "été" in UTF-8 (é = c3 a9)
                00 0001 0001                    # root, A, IN
                """);

        assertThat(decode(query).question().name()).isEqualTo("a\\.b\\001 .été");
    }

    @Test
    void namesTypesAndCodesIncludingUnassignedOnes() {
        assertThat(DnsType.valueOf(65).mnemonic()).isEqualTo("HTTPS");
        assertThat(DnsType.valueOf(64).mnemonic()).isEqualTo("SVCB");
        assertThat(DnsType.valueOf(255).mnemonic()).isEqualTo("ANY");
        assertThat(DnsType.valueOf(54).mnemonic()).isEqualTo("54");
        assertThat(DnsType.valueOf(65280).mnemonic()).isEqualTo("65280");
        assertThat(DnsType.valueOf(28)).isSameAs(DnsType.AAAA);
        assertThat(DnsRcode.valueOf(3).mnemonic()).isEqualTo("NXDomain");
        assertThat(DnsRcode.valueOf(13).mnemonic()).isEqualTo("13");
        assertThat(DnsOpcode.valueOf(2).mnemonic()).isEqualTo("ServerStatusRequest");
        assertThat(DnsOpcode.valueOf(9).mnemonic()).isEqualTo("Reserved");
    }

    private static String ipv6(String hex) {
        StringBuilder out = new StringBuilder();
        DnsDecoder.appendIpv6(Hex.bytes(hex), 0, out);
        return out.toString();
    }
}
