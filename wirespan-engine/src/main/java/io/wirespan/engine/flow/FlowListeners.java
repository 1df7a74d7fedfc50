package io.wirespan.engine.flow;

import io.wirespan.api.Direction;

/** Combinations of {@link FlowListener}s. */
public final class FlowListeners {
    private FlowListeners() {}

    /** Tells {@code first}, then {@code second}, of every event. */
    public static FlowListener both(FlowListener first, FlowListener second) {
        return new FlowListener() {
            @Override
            public void onFlowStart(Flow flow, long timestampMicros) {
                first.onFlowStart(flow, timestampMicros);
                second.onFlowStart(flow, timestampMicros);
            }

            @Override
            public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long timestampMicros) {
                first.onPayload(flow, direction, data, offset, length, timestampMicros);
                second.onPayload(flow, direction, data, offset, length, timestampMicros);
            }

            @Override
            public void onGap(Flow flow, Direction direction, int missingBytes, long timestampMicros) {
                first.onGap(flow, direction, missingBytes, timestampMicros);
                second.onGap(flow, direction, missingBytes, timestampMicros);
            }

            @Override
            public void onFlowClosed(Flow flow, long timestampMicros) {
                first.onFlowClosed(flow, timestampMicros);
                second.onFlowClosed(flow, timestampMicros);
            }

            @Override
            public void onTimePassed(long nowMicros) {
                first.onTimePassed(nowMicros);
                second.onTimePassed(nowMicros);
            }

            @Override
            public void onFlowEnd(Flow flow, FlowEndReason reason, long timestampMicros) {
                first.onFlowEnd(flow, reason, timestampMicros);
                second.onFlowEnd(flow, reason, timestampMicros);
            }
        };
    }
}
