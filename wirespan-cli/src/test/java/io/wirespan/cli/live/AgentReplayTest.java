package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.cli.WirespanCommand;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharding changes nothing an agent makes of traffic: every sample capture of the project, merged
 * into one (12 protocols in 48 flows), is replayed once onto lo with tcpreplay while two agents
 * capture it through the same filter, one with one parsing thread and one with three. Both store
 * the same call logs, and those are the ones {@code wirespan parse} makes of the file.
 */
class AgentReplayTest {
    /**
     * The samples' DNS and memcached servers listen on ports of their own, where those protocols
     * are not tried by default; no obfuscation, so that resources compare as they were sent.
     */
    private static final String CONFIG = """
            processors:
              request_log:
                filters:
                  port_number_prefilters:
                    DNS: "1-65535"
                    Memcached: "1-65535"
                tag_extraction:
                  obfuscate_protocols: []
            """;

    /**
     * Every column of a call log but its times, {@code flow_id} (flows are numbered in the order
     * a parsing thread meets them, so three threads number them otherwise than one) and the
     * attributes map (none of these protocols fills it).
     */
    private static final List<String> COMPARED = List.of("type", "protocol", "ip_0", "ip_1", "client_port", "server_port",
            "agent", "l7_protocol", "l7_protocol_str", "version", "request_type", "request_domain", "request_resource",
            "endpoint", "request_id", "response_status", "response_code", "response_exception", "response_result",
            "request_length", "response_length", "captured_request_byte", "captured_response_byte", "sql_affected_rows",
            "is_tls", "is_async", "is_reversed", "trace_id", "span_id", "parent_span_id", "x_request_id_0", "x_request_id_1",
            "http_proxy_client", "plugin");
    private static final List<String> TIMES = List.of("start_time", "end_time", "response_duration");
    /**
     * Each agent's socket has the kernel stamp a packet when it hands it over, one socket after the
     * other: the two agents' times of one packet differ by a few microseconds, far less than this.
     */
    private static final long SAME_TIME_MICROS = 10_000;
    private static final Pattern SENT = Pattern.compile("Actual: (\\d+) packets");

    @TempDir
    Path temp;

    @Test
    void oneAndThreeWorkersStoreWhatParseMakesOfTheCaptureTheyCapturedAsTcpreplaySentIt() throws Exception {
        Path capture = mergedSamples();
        List<Map<String, Object>> parsed = CallLogs.parse(capture, temp, CONFIG, 1).all().stream()
                .map(log -> normalized(log.fields(COMPARED))).toList();
        assertThat(parsed).hasSizeGreaterThan(100);
        // the samples' servers listen on fixed ports below the ephemeral range: the filter lets the
        // replay through and no other test's traffic
        String filter = parsed.stream().map(log -> (Long) log.get("server_port")).distinct().sorted()
                .map(port -> "port " + port).collect(Collectors.joining(" or "));

        Path oneDb = temp.resolve("one.duckdb"), threeDb = temp.resolve("three.duckdb");
        Path oneLog = temp.resolve("one.log"), threeLog = temp.resolve("three.log");
        Process one = startAgent(filter, 1, oneDb, oneLog);
        Process three;
        try {
            three = startAgent(filter, 3, threeDb, threeLog);
        } catch (AssertionError e) {
            Programs.stop(one);
            throw e;
        }
        Programs.Result replay;
        try {
            Agents.awaitCapturing(one, oneLog);
            Agents.awaitCapturing(three, threeLog);
            // 1,000 packets/s: well under what a socket's ring holds, so the kernel drops nothing
            replay = Programs.run(List.of(Binaries.require("tcpreplay", "tcpreplay"), "--intf1=lo", "--pps=1000",
                    capture.toString()));
            Loopback.sleep(1000); // frames are handed over in blocks at least every 100 ms
            Programs.signal(one, 15);
            Programs.signal(three, 15);
            Agents.awaitStopped(one, oneLog);
            Agents.awaitStopped(three, threeLog);
        } finally {
            Programs.stop(one);
            Programs.stop(three);
        }
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        Matcher sent = SENT.matcher(replay.out());
        assertThat(sent.find()).as(replay.out()).isTrue();
        String packets = String.format(Locale.ROOT, "%,d", Long.parseLong(sent.group(1)));
        for (Path log : List.of(oneLog, threeLog)) {
            assertThat(Programs.read(log)).contains("lo: " + packets + " packets, " + String.format(Locale.ROOT, "%,d", parsed.size())
                    + " call logs; the kernel dropped 0");
        }

        List<Stored> byOne = stored(oneDb), byThree = stored(threeDb);
        assertThat(byThree.stream().map(Stored::fields).toList()).containsExactlyInAnyOrderElementsOf(
                byOne.stream().map(Stored::fields).toList());
        assertSameTimes(byOne, byThree);
        // The file's times are those of the recording; live, a packet carries the time the kernel
        // received it from tcpreplay, which sends at its own pace (--pps): neither the times nor
        // the gaps between them can match. Everything else must.
        assertThat(byOne.stream().map(Stored::fields).toList()).containsExactlyInAnyOrderElementsOf(parsed);
    }

    /** Every sample capture of the project, merged by time into one pcap (tcpreplay's format). */
    private Path mergedSamples() throws Exception {
        List<String> command = new ArrayList<>(List.of(Binaries.require("mergecap", "wireshark-common"), "-F", "pcap",
                "-w", temp.resolve("samples.pcap").toString()));
        try (Stream<Path> samples = Files.list(Path.of("..", "samples").toAbsolutePath().normalize())) {
            samples.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(p -> command.add(p.toString()));
        }
        Programs.Result merge = Programs.run(command);
        assertThat(merge.exitCode()).as(merge.err()).isZero();
        return temp.resolve("samples.pcap");
    }

    private static Process startAgent(String filter, int workers, Path db, Path log) throws Exception {
        Path config = Files.writeString(db.resolveSibling(db.getFileName() + ".yaml"), CONFIG);
        return JavaPrograms.start(WirespanCommand.class, List.of(), List.of("agent", "--interface", "lo", "--bpf", filter,
                "--workers", Integer.toString(workers), "--config", config.toString(), "--db", db.toString()), log);
    }

    /** A stored call log: its compared columns, and its times. */
    private record Stored(Map<String, Object> fields, List<Object> times) {
        long startTime() {
            return (Long) times.getFirst();
        }
    }

    private static List<Stored> stored(Path db) throws Exception {
        try (DuckDbStore store = DuckDbStore.open(db)) {
            QueryResult result = store.query("SELECT " + String.join(", ", COMPARED) + ", " + String.join(", ", TIMES)
                    + " FROM l7_flow_log", List.of(), new QueryLimits(100_000, Duration.ofSeconds(30)));
            List<Stored> rows = new ArrayList<>();
            for (List<Object> row : result.rows()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int i = 0; i < COMPARED.size(); i++) fields.put(COMPARED.get(i), row.get(i));
                rows.add(new Stored(normalized(fields), normalized(row.subList(COMPARED.size(), row.size()))));
            }
            return rows;
        }
    }

    /**
     * The two agents saw the same packets, each stamped by the kernel as it handed them over: the
     * times of each call log agree within {@link #SAME_TIME_MICROS}. Call logs are paired by their
     * other columns, then by start time among equals.
     */
    private static void assertSameTimes(List<Stored> a, List<Stored> b) {
        Comparator<Stored> order = Comparator.comparing((Stored s) -> s.fields().toString()).thenComparingLong(Stored::startTime);
        List<Stored> left = a.stream().sorted(order).toList(), right = b.stream().sorted(order).toList();
        for (int i = 0; i < left.size(); i++) {
            for (int t = 0; t < TIMES.size(); t++) {
                Object x = left.get(i).times().get(t), y = right.get(i).times().get(t);
                assertThat(x == null ? y == null : y != null && Math.abs((Long) x - (Long) y) <= SAME_TIME_MICROS)
                        .as("%s: %s with one worker, %s with three, for %s", TIMES.get(t), x, y, left.get(i).fields())
                        .isTrue();
            }
        }
    }

    /** Numbers as Long, whichever width the store or the JSON reader chose. */
    private static Map<String, Object> normalized(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((key, value) -> out.put(key, value instanceof Number n ? (Object) n.longValue() : value));
        return out;
    }

    private static List<Object> normalized(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) out.add(v instanceof Number n ? n.longValue() : v);
        return out;
    }
}
