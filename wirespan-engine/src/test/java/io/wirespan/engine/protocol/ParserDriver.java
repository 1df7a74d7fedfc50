package io.wirespan.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.ParseContext;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds a parser as the engine does: it keeps what a call did not consume and offers it again with
 * the next bytes. Checks the contract on every call (consumed within 0..length).
 */
public final class ParserDriver {
    private final L7Parser parser;
    private final ParseContext context;
    private final List<L7Message> messages = new ArrayList<>();
    private final ByteArrayOutputStream[] held = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};

    public ParserDriver(L7Parser parser, ParseContext context) {
        this.parser = parser;
        this.context = context;
    }

    /** Offers bytes of one direction, in one piece. */
    public ParserDriver feed(Direction direction, byte[] bytes) {
        return feed(direction, bytes, bytes.length);
    }

    /** Offers bytes of one direction in pieces of at most {@code chunk} bytes (1 = byte at a time). */
    public ParserDriver feed(Direction direction, byte[] bytes, int chunk) {
        for (int at = 0; at < bytes.length; at += chunk) {
            offer(direction, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk)));
        }
        return this;
    }

    /** One UDP datagram: nothing is kept between datagrams. */
    public ParserDriver datagram(Direction direction, byte[] bytes) {
        int consumed = parser.parse(direction, bytes, 0, bytes.length, context, messages::add);
        assertThat(consumed).isBetween(0, bytes.length);
        return this;
    }

    public ParserDriver gap(Direction direction, int missingBytes) {
        held[direction.ordinal()].reset();
        parser.onGap(direction, missingBytes, context);
        return this;
    }

    public ParserDriver end() {
        parser.onFlowEnd(context, messages::add);
        return this;
    }

    public List<L7Message> messages() {
        return messages;
    }

    private void offer(Direction direction, byte[] piece) {
        ByteArrayOutputStream kept = held[direction.ordinal()];
        kept.writeBytes(piece);
        byte[] input = kept.toByteArray();
        // Pad the view on both sides so a parser that reads outside offset..offset+length is caught.
        byte[] padded = new byte[input.length + 16];
        Arrays.fill(padded, (byte) 0x5A);
        System.arraycopy(input, 0, padded, 8, input.length);
        int consumed = parser.parse(direction, padded, 8, input.length, context, messages::add);
        assertThat(consumed).as("consumed").isBetween(0, input.length);
        kept.reset();
        kept.write(input, consumed, input.length - consumed);
    }
}
