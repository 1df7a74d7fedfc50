package io.wirespan.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7ProtocolProvider;
import java.util.Arrays;

/**
 * The one fuzzing harness for every parser: each protocol package has a small {@code XxxFuzzTest}
 * whose {@code @FuzzTest} method calls {@link #fuzz}. The input's first byte chooses the transport
 * and chunking, the rest is split into pieces alternating directions, with an occasional gap. The
 * only allowed outcomes: check answers, parse consumes within bounds, nothing throws.
 */
public final class ParserFuzzing {
    private ParserFuzzing() {}

    public static void fuzz(L7ProtocolProvider provider, byte[] input) {
        if (input.length == 0) return;
        int control = input[0] & 0xFF;
        boolean udp = provider.parsesUdp() && (!provider.parsesTcp() || (control & 1) == 1);
        TestContext context = udp ? TestContext.udp() : TestContext.tcp();
        byte[] data = Arrays.copyOfRange(input, 1, input.length);

        CheckResult verdict = provider.check(Direction.CLIENT_TO_SERVER, data, 0, data.length, context);
        assertThat(verdict).isNotNull();
        L7Parser parser = provider.newParser(context);
        ParserDriver driver = new ParserDriver(parser, context);
        int chunk = 1 + ((control >>> 1) & 0x3F);
        Direction direction = Direction.CLIENT_TO_SERVER;
        for (int at = 0, piece = 0; at < data.length; at += chunk, piece++) {
            byte[] bytes = Arrays.copyOfRange(data, at, Math.min(data.length, at + chunk));
            if (udp) {
                driver.datagram(direction, bytes);
            } else {
                driver.feed(direction, bytes);
            }
            if ((control & 0x80) != 0 && piece % 7 == 3) driver.gap(direction, bytes.length);
            if (piece % 3 == 2) direction = direction.reverse();
        }
        driver.end();
    }
}
