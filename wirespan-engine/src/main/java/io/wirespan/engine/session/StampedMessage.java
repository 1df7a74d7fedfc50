package io.wirespan.engine.session;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;

/**
 * A parser's message with what the engine knows around it: its flow, its protocol (the message's
 * own, or its parser's), who sent it and the capture times of its first and last bytes.
 */
public record StampedMessage(FlowIdentity flow, L7Protocol protocol, L7Message message, Direction direction,
                             long startMicros, long endMicros) {

    boolean fromServer() {
        return direction == Direction.SERVER_TO_CLIENT;
    }
}
