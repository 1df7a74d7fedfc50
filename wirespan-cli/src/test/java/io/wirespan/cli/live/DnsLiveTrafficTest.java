package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real dnsmasq, real dig over UDP and TCP, captured by tcpdump on lo: every query is a call log with what dig saw. */
class DnsLiveTrafficTest {
    /**
     * dnsmasq listens on a free port, and DNS is only tried on ports 53 and 5353 by default (as in
     * DeepFlow): the capture is parsed with DNS allowed on every port.
     */
    private static final String DNS_ON_EVERY_PORT = """
            processors:
              request_log:
                filters:
                  port_number_prefilters:
                    DNS: "1-65535"
            """;

    @TempDir
    Path temp;

    @Test
    void everyDigQueryOverUdpAndTcpIsOneCallLogWithItsIdNameTypeAndRcode() {
        List<Dig.Query> queries = new ArrayList<>();
        int port;
        CallLogs logs;
        try (Dnsmasq dnsmasq = Dnsmasq.start();
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("dns.pcap"), "port " + dnsmasq.port())) {
            port = dnsmasq.port();
            for (boolean tcp : new boolean[] {false, true}) {
                queries.add(Dig.query(port, "api.example.test", "A", tcp));
                queries.add(Dig.query(port, "db.example.test", "AAAA", tcp));
                queries.add(Dig.query(port, "missing.example.test", "A", tcp));
            }
            logs = CallLogs.parse(capture.stop(), temp, DNS_ON_EVERY_PORT);
        }

        assertThat(queries).extracting(Dig.Query::rcodeName)
                .containsExactly("NOERROR", "NOERROR", "NXDOMAIN", "NOERROR", "NOERROR", "NXDOMAIN");
        assertThat(queries.get(0).answers()).containsExactly("A=10.1.2.3 TTL=0");
        assertThat(queries.get(1).answers()).containsExactly("AAAA=fd00::4 TTL=0");
        SoftAssertions softly = new SoftAssertions();
        for (Dig.Query q : queries) {
            Expected expected = new Expected()
                    .put("type", "session").put("protocol", q.tcp() ? "TCP" : "UDP")
                    .put("ip_0", "127.0.0.1").put("ip_1", "127.0.0.1").put("server_port", port)
                    .put("l7_protocol", 120).put("l7_protocol_str", "DNS")
                    .put("request_id", q.id())
                    .put("request_type", q.type())
                    .put("request_resource", q.name()).put("request_domain", q.name()).put("endpoint", q.name())
                    .put("response_code", q.rcode())
                    .put("response_status", q.rcode() == 0 ? "ok" : "client_error");
            if (!q.authority()) expected.put("response_result", q.answers().isEmpty() ? null : String.join("; ", q.answers()));
            CallLogs.Log log = logs.only((q.tcp() ? "TCP" : "UDP") + " query " + q.id() + " " + q.name() + " " + q.type(),
                    l -> Long.valueOf(q.id()).equals(l.get("request_id")) && q.name().equals(l.get("request_resource")));
            softly.assertThat(log.fields(expected.fields().keySet())).as(q + "\n" + log.line()).isEqualTo(expected.fields());
        }
        softly.assertThat(logs.all()).as("call logs besides dig's queries:\n" + logs.dump()).hasSize(queries.size());
        logs.assertTimed(softly);
        softly.assertAll();
    }
}
