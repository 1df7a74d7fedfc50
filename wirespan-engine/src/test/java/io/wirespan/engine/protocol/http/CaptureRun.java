package io.wirespan.engine.protocol.http;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.PacketDecoder;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowConfig;
import io.wirespan.engine.flow.FlowEndReason;
import io.wirespan.engine.flow.FlowListener;
import io.wirespan.engine.flow.FlowTable;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.tcp.ReassemblyConfig;
import io.wirespan.engine.testing.CapturePackets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A capture through the real decoder, flow table and TCP reassembly, each flow's payload fed to
 * its own parser through a {@link ParserDriver} (identified by {@code check} on the first payload
 * that passes, as the engine does), and the messages paired in order into exchanges.
 */
final class CaptureRun implements FlowListener {
    /** A message, the time of the piece of stream it was reported in, and its flow's ports. */
    record Timed(L7Message message, long timestampMicros) {}

    /** A request and its response (either may be null), in the flow with these ports. */
    record Exchange(Timed request, Timed response, int clientPort, int serverPort) {}

    private final L7ProtocolProvider protocol;
    private final ParserSettings settings;
    final List<Exchange> exchanges = new ArrayList<>();
    final List<L7Parser> parsers = new ArrayList<>();

    private CaptureRun(L7ProtocolProvider protocol, ParserSettings settings) {
        this.protocol = protocol;
        this.settings = settings;
    }

    static CaptureRun of(Path capture, L7ProtocolProvider protocol, ParserSettings settings) {
        CaptureRun run = new CaptureRun(protocol, settings);
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, run);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket packet = new DecodedPacket();
        long[] last = {0};
        CapturePackets.forEachFrame(capture, frame -> {
            if (decoder.decode(frame, packet) == PacketDecoder.Outcome.PACKET) {
                table.process(packet);
                last[0] = Math.max(last[0], packet.timestampMicros());
            }
        });
        table.flushAll(last[0]);
        return run;
    }

    /** Per flow: the parser once identified, and the messages and requests waiting for their response. */
    private final class FlowParse {
        final TestContext context = new TestContext(false, settings);
        ParserDriver driver;
        final Deque<Timed> waiting = new ArrayDeque<>();
        int seen;

        void collect(Flow flow, long micros) {
            List<L7Message> all = driver.messages();
            for (; seen < all.size(); seen++) {
                Timed m = new Timed(all.get(seen), micros);
                if (m.message().type() == MessageType.REQUEST) {
                    waiting.add(m);
                } else {
                    exchanges.add(new Exchange(waiting.poll(), m, flow.clientPort(), flow.serverPort()));
                }
            }
        }
    }

    @Override
    public void onFlowStart(Flow flow, long timestampMicros) {
        flow.setAttachment(new FlowParse());
    }

    @Override
    public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long timestampMicros) {
        FlowParse parse = (FlowParse) flow.attachment();
        if (parse.driver == null) {
            CheckResult verdict = protocol.check(direction, data, offset, length, parse.context);
            if (!verdict.matched()) return;
            if ((verdict == CheckResult.REQUEST) != (direction == Direction.CLIENT_TO_SERVER)) {
                flow.swapSides(); // the parser knows better than the port heuristic
                direction = direction.reverse();
            }
            L7Parser parser = protocol.newParser(parse.context);
            parsers.add(parser);
            parse.driver = new ParserDriver(parser, parse.context);
        }
        parse.context.at(timestampMicros);
        parse.driver.feed(direction, java.util.Arrays.copyOfRange(data, offset, offset + length));
        parse.collect(flow, timestampMicros);
    }

    @Override
    public void onGap(Flow flow, Direction direction, int missingBytes, long timestampMicros) {
        FlowParse parse = (FlowParse) flow.attachment();
        if (parse.driver != null) parse.driver.gap(direction, missingBytes);
    }

    @Override
    public void onFlowEnd(Flow flow, FlowEndReason reason, long timestampMicros) {
        FlowParse parse = (FlowParse) flow.attachment();
        if (parse.driver == null) return;
        parse.context.at(timestampMicros);
        parse.driver.end();
        parse.collect(flow, timestampMicros);
        while (!parse.waiting.isEmpty()) {
            exchanges.add(new Exchange(parse.waiting.poll(), null, flow.clientPort(), flow.serverPort()));
        }
    }
}
