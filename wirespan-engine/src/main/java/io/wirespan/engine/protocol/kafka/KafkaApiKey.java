package io.wirespan.engine.protocol.kafka;

/**
 * A Kafka API key (Kafka protocol guide, "Api Keys"): an open value type. Each known key has its
 * name, the highest version this parser accepts and the first version that uses the flexible
 * (KIP-482) encoding: request header v2 and response header v1, compact strings and arrays,
 * tagged fields. An unknown key is kept as a number and named by it.
 */
record KafkaApiKey(int code) {
    static final int NEVER = Integer.MAX_VALUE;

    // name, highest version accepted, first flexible version (NEVER when none)
    private static final Object[][] TABLE = {
        {"Produce", 13, 9}, {"Fetch", 18, 12}, {"ListOffsets", 10, 6}, {"Metadata", 13, 9},
        {"LeaderAndIsr", 7, 4}, {"StopReplica", 4, 2}, {"UpdateMetadata", 8, 6}, {"ControlledShutdown", 3, 3},
        {"OffsetCommit", 10, 8}, {"OffsetFetch", 10, 6}, {"FindCoordinator", 6, 3}, {"JoinGroup", 9, 6},
        {"Heartbeat", 4, 4}, {"LeaveGroup", 5, 4}, {"SyncGroup", 5, 4}, {"DescribeGroups", 6, 5},
        {"ListGroups", 5, 3}, {"SaslHandshake", 1, NEVER}, {"ApiVersions", 4, 3}, {"CreateTopics", 7, 5},
        {"DeleteTopics", 6, 4}, {"DeleteRecords", 2, 2}, {"InitProducerId", 6, 2}, {"OffsetForLeaderEpoch", 4, 4},
        {"AddPartitionsToTxn", 5, 3}, {"AddOffsetsToTxn", 4, 3}, {"EndTxn", 5, 3}, {"WriteTxnMarkers", 2, 1},
        {"TxnOffsetCommit", 5, 3}, {"DescribeAcls", 3, 2}, {"CreateAcls", 3, 2}, {"DeleteAcls", 3, 2},
        {"DescribeConfigs", 4, 4}, {"AlterConfigs", 2, 2}, {"AlterReplicaLogDirs", 2, 2}, {"DescribeLogDirs", 4, 2},
        {"SaslAuthenticate", 2, 2}, {"CreatePartitions", 3, 2}, {"CreateDelegationToken", 3, 2},
        {"RenewDelegationToken", 2, 2}, {"ExpireDelegationToken", 2, 2}, {"DescribeDelegationToken", 3, 2},
        {"DeleteGroups", 2, 2}, {"ElectLeaders", 2, 2}, {"IncrementalAlterConfigs", 1, 1},
        {"AlterPartitionReassignments", 1, 0}, {"ListPartitionReassignments", 0, 0}, {"OffsetDelete", 0, NEVER},
        {"DescribeClientQuotas", 1, 1}, {"AlterClientQuotas", 1, 1}, {"DescribeUserScramCredentials", 0, 0},
        {"AlterUserScramCredentials", 0, 0}, {"Vote", 2, 0}, {"BeginQuorumEpoch", 1, 1}, {"EndQuorumEpoch", 1, 1},
        {"DescribeQuorum", 2, 0}, {"AlterPartition", 3, 0}, {"UpdateFeatures", 2, 0}, {"Envelope", 0, 0},
        {"FetchSnapshot", 1, 0}, {"DescribeCluster", 2, 0}, {"DescribeProducers", 0, 0},
        {"BrokerRegistration", 4, 0}, {"BrokerHeartbeat", 1, 0}, {"UnregisterBroker", 0, 0},
        {"DescribeTransactions", 0, 0}, {"ListTransactions", 2, 0}, {"AllocateProducerIds", 0, 0},
        {"ConsumerGroupHeartbeat", 1, 0}, {"ConsumerGroupDescribe", 1, 0}, {"ControllerRegistration", 0, 0},
        {"GetTelemetrySubscriptions", 0, 0}, {"PushTelemetry", 0, 0}, {"AssignReplicasToDirs", 0, 0},
        {"ListConfigResources", 1, 0}, {"DescribeTopicPartitions", 0, 0}, {"ShareGroupHeartbeat", 1, 0},
        {"ShareGroupDescribe", 1, 0}, {"ShareFetch", 1, 0}, {"ShareAcknowledge", 1, 0}, {"AddRaftVoter", 0, 0},
        {"RemoveRaftVoter", 0, 0}, {"UpdateRaftVoter", 0, 0}, {"InitializeShareGroupState", 0, 0},
        {"ReadShareGroupState", 0, 0}, {"WriteShareGroupState", 0, 0}, {"DeleteShareGroupState", 0, 0},
        {"ReadShareGroupStateSummary", 0, 0}, {"StreamsGroupHeartbeat", 0, 0}, {"StreamsGroupDescribe", 0, 0},
        {"DescribeShareGroupOffsets", 0, 0}, {"AlterShareGroupOffsets", 0, 0}, {"DeleteShareGroupOffsets", 0, 0},
    };
    private static final KafkaApiKey[] KNOWN = new KafkaApiKey[TABLE.length];

    static {
        for (int i = 0; i < KNOWN.length; i++) KNOWN[i] = new KafkaApiKey(i);
    }

    static final KafkaApiKey PRODUCE = valueOf(0);
    static final KafkaApiKey FETCH = valueOf(1);
    static final KafkaApiKey LIST_OFFSETS = valueOf(2);
    static final KafkaApiKey METADATA = valueOf(3);
    static final KafkaApiKey OFFSET_COMMIT = valueOf(8);
    static final KafkaApiKey OFFSET_FETCH = valueOf(9);
    static final KafkaApiKey JOIN_GROUP = valueOf(11);
    static final KafkaApiKey HEARTBEAT = valueOf(12);
    static final KafkaApiKey LEAVE_GROUP = valueOf(13);
    static final KafkaApiKey SYNC_GROUP = valueOf(14);
    static final KafkaApiKey API_VERSIONS = valueOf(18);

    static KafkaApiKey valueOf(int code) {
        return code >= 0 && code < KNOWN.length ? KNOWN[code] : new KafkaApiKey(code);
    }

    boolean known() {
        return code >= 0 && code < TABLE.length;
    }

    /** {@code Produce}, {@code Fetch}, ...; the number as text when unknown. */
    String apiName() {
        return known() ? (String) TABLE[code][0] : Integer.toString(code);
    }

    int maxVersion() {
        return known() ? (Integer) TABLE[code][1] : -1;
    }

    boolean accepts(int version) {
        return known() && version >= 0 && version <= maxVersion();
    }

    /** Request header v2 (tagged fields after the client id) and a flexible body. */
    boolean flexible(int version) {
        return known() && version >= (Integer) TABLE[code][2];
    }

    /** Response header v1 (tagged fields after the correlation id); ApiVersions always answers with v0 (KIP-511). */
    boolean flexibleResponseHeader(int version) {
        return code != 18 && flexible(version);
    }

    /** The APIs whose responses DeepFlow decodes; the others answer "Type not yet inspected by DeepFlow". */
    boolean responseInspected() {
        return switch (code) {
            case 0, 1, 11, 13, 14, 18 -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return apiName();
    }
}
