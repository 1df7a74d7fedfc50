package io.wirespan.engine.protocol.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The framer cuts each direction of the corpus's PostgreSQL captures into the same messages, in
 * the same order, as tshark's pgsql dissector (compared by message type name).
 */
class PostgresqlTsharkTest {
    private static final Map<Character, String> FRONTEND = Map.ofEntries(Map.entry('Q', "Simple query"),
            Map.entry('P', "Parse"), Map.entry('B', "Bind"), Map.entry('E', "Execute"), Map.entry('D', "Describe"),
            Map.entry('S', "Sync"), Map.entry('X', "Termination"), Map.entry('C', "Close"), Map.entry('H', "Flush"));
    private static final Map<Character, String> BACKEND = Map.ofEntries(Map.entry('R', "Authentication request"),
            Map.entry('S', "Parameter status"), Map.entry('K', "Backend key data"), Map.entry('Z', "Ready for query"),
            Map.entry('T', "Row description"), Map.entry('D', "Data row"), Map.entry('C', "Command completion"),
            Map.entry('E', "Error"), Map.entry('N', "Notice"), Map.entry('1', "Parse completion"),
            Map.entry('2', "Bind completion"), Map.entry('3', "Close completion"), Map.entry('n', "No data"),
            Map.entry('t', "Parameter description"), Map.entry('I', "Empty query"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"error, 5432", "prepare_stat, 5432", "simple_query, 5432", "pgsql-all, 8000"})
    void framesAsTsharkDissects(String name, int serverPort) {
        Path pcap = Corpus.file("postgre/" + name + ".pcap");
        ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        for (DecodedPacket p : CapturePackets.decode(pcap)) {
            if (p.payloadLength() == 0) continue;
            (p.dstPort() == serverPort ? toServer : toClient).write(p.payload(), p.payloadOffset(), p.payloadLength());
        }
        assertThat(frame(true, toServer.toByteArray())).isEqualTo(tshark(pcap, serverPort, true));
        assertThat(frame(false, toClient.toByteArray())).isEqualTo(tshark(pcap, serverPort, false));
    }

    private static List<String> frame(boolean frontend, byte[] stream) {
        List<String> names = new ArrayList<>();
        ParserCounters<PostgresqlCounter> counters = new ParserCounters<>(PostgresqlCounter.values(), TestContext.tcp());
        PostgresqlFramer framer = new PostgresqlFramer(frontend, counters);
        int consumed = framer.feed(stream, 0, stream.length, new PostgresqlFramer.Handler() {
            @Override
            public void message(int tag, byte[] data, int from, int available, int bodyLength) {
                String n = (frontend ? FRONTEND : BACKEND).get((char) tag);
                names.add(n == null ? "tag " + (char) tag : n);
            }

            @Override
            public void encryptionAnswer(int answer) {}
        });
        assertThat(consumed).isEqualTo(stream.length);
        assertThat(counters.count(PostgresqlCounter.RESYNC_SKIPPED_BYTES)).isZero();
        return names;
    }

    private static List<String> tshark(Path pcap, int serverPort, boolean toServer) {
        String out = Tools.tshark("-r", pcap.toString(), "-d", "tcp.port==" + serverPort + ",pgsql",
                "-Y", "pgsql && tcp." + (toServer ? "dstport" : "srcport") + "==" + serverPort,
                "-T", "fields", "-e", "pgsql.type");
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            for (String n : line.strip().split(",")) names.add(n);
        }
        return names;
    }
}
