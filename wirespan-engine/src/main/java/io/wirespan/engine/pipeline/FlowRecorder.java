package io.wirespan.engine.pipeline;

import io.wirespan.api.Direction;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowEndReason;
import io.wirespan.engine.flow.FlowListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps a {@link FlowSummary} of every flow as it ends, up to a limit; counts the rest. */
public final class FlowRecorder implements FlowListener {
    private final int limit;
    private final List<FlowSummary> flows = new ArrayList<>();
    private long notKept;

    public FlowRecorder(int limit) {
        this.limit = limit;
    }

    @Override
    public void onFlowStart(Flow flow, long timestampMicros) {}

    @Override
    public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long timestampMicros) {}

    @Override
    public void onGap(Flow flow, Direction direction, int missingBytes, long timestampMicros) {}

    @Override
    public void onFlowEnd(Flow flow, FlowEndReason reason, long timestampMicros) {
        if (flows.size() < limit) {
            flows.add(FlowSummary.of(flow, reason));
        } else {
            notKept++;
        }
    }

    public List<FlowSummary> flows() {
        return List.copyOf(flows);
    }

    /** Flows that ended after the limit was reached. */
    public long notKept() {
        return notKept;
    }
}
