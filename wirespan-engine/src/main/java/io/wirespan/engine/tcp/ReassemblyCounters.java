package io.wirespan.engine.tcp;

/** Mutable counters shared by the reassemblers of one flow table; read through {@link #snapshot}. */
public final class ReassemblyCounters {
    long dataSegments;
    long deliveredBytes;
    long retransmittedBytes;
    long keepAlives;
    long outOfOrderSegments;
    long outOfOrderBytes;
    long gaps;
    long gapBytes;
    long gapsOnAck;
    long gapsOnTimeout;
    long gapsOnLimit;
    long gapsOnBudget;
    long gapsOnClose;
    long gapsOnTruncation;

    void gap(GapCause cause, int missingBytes) {
        gaps++;
        gapBytes += missingBytes;
        switch (cause) {
            case ACK -> gapsOnAck++;
            case TIMEOUT -> gapsOnTimeout++;
            case LIMIT -> gapsOnLimit++;
            case BUDGET -> gapsOnBudget++;
            case CLOSE -> gapsOnClose++;
            case TRUNCATED -> gapsOnTruncation++;
        }
    }

    public ReassemblyStats snapshot(ReassemblyBudget budget) {
        return new ReassemblyStats(dataSegments, deliveredBytes, retransmittedBytes, keepAlives,
                outOfOrderSegments, outOfOrderBytes, gaps, gapBytes,
                gapsOnAck, gapsOnTimeout, gapsOnLimit, gapsOnBudget, gapsOnClose, gapsOnTruncation, budget.usedBytes());
    }
}
