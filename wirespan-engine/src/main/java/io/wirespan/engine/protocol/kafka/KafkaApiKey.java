package io.wirespan.engine.protocol.kafka;

/**
 * A Kafka API key (Kafka protocol guide, "Api Keys"): an open value type. Each known key has its
 * name, the highest version whose body this parser decodes and the first version that uses the
 * flexible (KIP-482) encoding: request header v2 and response header v1, compact strings and arrays,
 * tagged fields. The table follows {@code ApiKeys} of kafka-clients 4.4.0 ({@code KafkaApiKeyTest}
 * compares them); an unknown key is kept as a number and named by it.
 *
 * <p>Clients newer than the table send higher versions and new keys. Such frames are still framed
 * and named: a known key up to {@link #NEWER_VERSIONS} past its highest version, and, once a flow is
 * in step, a key up to {@link #NEWER_KEYS} past the table. Only their bodies are left undecoded, as
 * their layout is not known.
 */
record KafkaApiKey(int code) {
    static final int NEVER = Integer.MAX_VALUE;
    static final int NEWER_VERSIONS = 8;
    static final int NEWER_KEYS = 32;

    // name, highest version decoded, first flexible version (NEVER when none)
    private static final Object[][] TABLE = {
        {"Produce", 13, 9}, {"Fetch", 18, 12}, {"ListOffsets", 11, 6}, {"Metadata", 13, 9},
        {"LeaderAndIsr", 7, 4}, {"StopReplica", 4, 2}, {"UpdateMetadata", 8, 6}, {"ControlledShutdown", 3, 3},
        {"OffsetCommit", 10, 8}, {"OffsetFetch", 10, 6}, {"FindCoordinator", 6, 3}, {"JoinGroup", 9, 6},
        {"Heartbeat", 4, 4}, {"LeaveGroup", 5, 4}, {"SyncGroup", 5, 4}, {"DescribeGroups", 6, 5},
        {"ListGroups", 5, 3}, {"SaslHandshake", 1, NEVER}, {"ApiVersions", 5, 3}, {"CreateTopics", 7, 5},
        {"DeleteTopics", 6, 4}, {"DeleteRecords", 2, 2}, {"InitProducerId", 6, 2}, {"OffsetForLeaderEpoch", 4, 4},
        {"AddPartitionsToTxn", 5, 3}, {"AddOffsetsToTxn", 4, 3}, {"EndTxn", 5, 3}, {"WriteTxnMarkers", 2, 1},
        {"TxnOffsetCommit", 6, 3}, {"DescribeAcls", 3, 2}, {"CreateAcls", 3, 2}, {"DeleteAcls", 3, 2},
        {"DescribeConfigs", 4, 4}, {"AlterConfigs", 2, 2}, {"AlterReplicaLogDirs", 2, 2}, {"DescribeLogDirs", 5, 2},
        {"SaslAuthenticate", 2, 2}, {"CreatePartitions", 3, 2}, {"CreateDelegationToken", 3, 2},
        {"RenewDelegationToken", 2, 2}, {"ExpireDelegationToken", 2, 2}, {"DescribeDelegationToken", 3, 2},
        {"DeleteGroups", 3, 2}, {"ElectLeaders", 2, 2}, {"IncrementalAlterConfigs", 1, 1},
        {"AlterPartitionReassignments", 1, 0}, {"ListPartitionReassignments", 0, 0}, {"OffsetDelete", 0, NEVER},
        {"DescribeClientQuotas", 1, 1}, {"AlterClientQuotas", 1, 1}, {"DescribeUserScramCredentials", 0, 0},
        {"AlterUserScramCredentials", 0, 0}, {"Vote", 2, 0}, {"BeginQuorumEpoch", 1, 1}, {"EndQuorumEpoch", 1, 1},
        {"DescribeQuorum", 2, 0}, {"AlterPartition", 3, 0}, {"UpdateFeatures", 2, 0}, {"Envelope", 0, 0},
        {"FetchSnapshot", 1, 0}, {"DescribeCluster", 2, 0}, {"DescribeProducers", 0, 0},
        {"BrokerRegistration", 4, 0}, {"BrokerHeartbeat", 2, 0}, {"UnregisterBroker", 0, 0},
        {"DescribeTransactions", 0, 0}, {"ListTransactions", 2, 0}, {"AllocateProducerIds", 0, 0},
        {"ConsumerGroupHeartbeat", 1, 0}, {"ConsumerGroupDescribe", 1, 0}, {"ControllerRegistration", 0, 0},
        {"GetTelemetrySubscriptions", 0, 0}, {"PushTelemetry", 0, 0}, {"AssignReplicasToDirs", 0, 0},
        {"ListConfigResources", 1, 0}, {"DescribeTopicPartitions", 0, 0}, {"ShareGroupHeartbeat", 1, 0},
        {"ShareGroupDescribe", 1, 0}, {"ShareFetch", 2, 0}, {"ShareAcknowledge", 2, 0}, {"AddRaftVoter", 1, 0},
        {"RemoveRaftVoter", 0, 0}, {"UpdateRaftVoter", 0, 0}, {"InitializeShareGroupState", 0, 0},
        {"ReadShareGroupState", 0, 0}, {"WriteShareGroupState", 1, 0}, {"DeleteShareGroupState", 0, 0},
        {"ReadShareGroupStateSummary", 1, 0}, {"StreamsGroupHeartbeat", 1, 0}, {"StreamsGroupDescribe", 1, 0},
        {"DescribeShareGroupOffsets", 1, 0}, {"AlterShareGroupOffsets", 0, 0}, {"DeleteShareGroupOffsets", 0, 0},
        {"StreamsGroupTopologyDescriptionUpdate", 0, 0}, {"UnregisterController", 0, 0},
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

    /**
     * Whether a request may carry this key and version: a known key at most {@link #NEWER_VERSIONS}
     * past its highest version, or, with {@code newerKeys}, a key at most {@link #NEWER_KEYS} past the
     * table at most {@link #NEWER_VERSIONS} versions in.
     */
    boolean plausible(int version, boolean newerKeys) {
        if (version < 0) return false;
        if (known()) return version <= maxVersion() + NEWER_VERSIONS;
        return newerKeys && code >= TABLE.length && code < TABLE.length + NEWER_KEYS && version <= NEWER_VERSIONS;
    }

    /** Whether this parser knows the body layout of the version (newer versions are named, not decoded). */
    boolean decodable(int version) {
        return known() && version >= 0 && version <= maxVersion();
    }

    /**
     * Request header v2 (tagged fields after the client id) and a flexible body. A version is flexible
     * from the first flexible one on; every key added since KIP-482 is flexible from v0.
     */
    boolean flexible(int version) {
        return known() ? version >= (Integer) TABLE[code][2] : code >= TABLE.length;
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
