package io.wirespan.engine.sink;

import io.wirespan.engine.pipeline.FlowSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** Flow summaries as JSON lines ({@code "kind":"flow"}) or as a table. */
public final class FlowSummaryWriter {
    private FlowSummaryWriter() {}

    public static void writeJsonLines(Writer out, List<FlowSummary> flows) throws IOException {
        JsonOutput line = new JsonOutput(256);
        for (FlowSummary f : flows) {
            line.reset();
            new JsonObjectWriter(line)
                    .field("kind", "flow")
                    .field("flow_id", f.flowId())
                    .field("protocol", f.protocol())
                    .field("ip_0", f.clientIp())
                    .field("ip_1", f.serverIp())
                    .field("client_port", f.clientPort())
                    .field("server_port", f.serverPort())
                    .field("start_time", f.startMicros())
                    .field("end_time", f.endMicros())
                    .field("packet_tx", f.clientPackets())
                    .field("packet_rx", f.serverPackets())
                    .field("l7_byte_tx", f.clientPayloadBytes())
                    .field("l7_byte_rx", f.serverPayloadBytes())
                    .field("close_type", f.endReason().name().toLowerCase(Locale.ROOT))
                    .end();
            out.append(line.ascii('\n').toString());
        }
        out.flush();
    }

    public static void printTable(PrintWriter out, List<FlowSummary> flows) {
        TextTable table = new TextTable(48, "FLOW>", "L4", "CLIENT", "SERVER", "PACKETS C→S>", "PACKETS S→C>",
                "BYTES C→S>", "BYTES S→C>", "DURATION ms>", "CLOSED BY");
        for (FlowSummary f : flows) {
            table.add(f.flowId(), f.protocol(), TableSink.endpoint(f.clientIp(), f.clientPort()),
                    TableSink.endpoint(f.serverIp(), f.serverPort()), f.clientPackets(), f.serverPackets(),
                    f.clientPayloadBytes(), f.serverPayloadBytes(),
                    String.format(Locale.ROOT, "%.3f", (f.endMicros() - f.startMicros()) / 1000.0),
                    f.endReason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        table.print(out);
    }
}
