package io.wirespan.store;

import io.wirespan.api.CallLog;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.store.CallLogStore.AgentBatch;
import io.wirespan.store.Tables.IngestedBatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Of the batches to store, those not stored before, each once, as rows of the three tables. */
record NewBatches(List<CallLog> callLogs, List<MetricsRow> metrics, List<IngestedBatch> ids) {

    /** @param known the ids stored already */
    static NewBatches of(List<AgentBatch> batches, Set<String> known, long receivedAtMicros) {
        Set<String> taken = new LinkedHashSet<>(known);
        List<CallLog> logs = new ArrayList<>();
        List<MetricsRow> rows = new ArrayList<>();
        List<IngestedBatch> ids = new ArrayList<>();
        for (AgentBatch batch : batches) {
            if (!taken.add(batch.id())) continue;
            logs.addAll(batch.callLogs());
            rows.addAll(batch.metrics());
            ids.add(new IngestedBatch(batch.id(), receivedAtMicros, batch.callLogs().size(), batch.metrics().size()));
        }
        return new NewBatches(logs, rows, ids);
    }

    Set<String> batchIds() {
        Set<String> stored = new LinkedHashSet<>();
        for (IngestedBatch id : ids) stored.add(id.batchId());
        return stored;
    }
}
