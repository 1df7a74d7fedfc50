/**
 * Kafka (Apache Kafka protocol guide, https://kafka.apache.org/protocol, with the per-version
 * message schemas of {@code clients/src/main/resources/common/message/*.json} and KIP-482 for the
 * flexible versions): every message is a 4-byte big-endian size and that many bytes; a request
 * header v0/v1 ({@code api_key, api_version, correlation_id, client_id}) or v2 (plus tagged
 * fields) and a response header v0 ({@code correlation_id}) or v1 (plus tagged fields), the
 * version following from the api key and version (ApiVersions always answers with v0).
 *
 * <pre>
 *  bytes ─► KafkaFramer (one per direction)                 ─► KafkaDecoder ─► KafkaMessage ─► KafkaParser ─► L7Message
 *           HUNTING ──plausible request / pending id──► IN_SYNC    header + first         Request | Response
 *              ▲                                     │  │         topic, partition,
 *              └──── bad header, gap outside a tail ─┘  └─ tail of a big frame skipped as it arrives
 * </pre>
 *
 * <p>{@link io.wirespan.engine.protocol.kafka.KafkaProtocol} is the entry: DeepFlow's "Kafka"
 * parser. {@code check} accepts a request header; a response pairs by correlation id with a
 * request remembered in a bounded per-flow map ({@code correlation id -> api key, version}), and is
 * decoded with that key and version. Produce, Fetch, ListOffsets, Metadata, OffsetCommit,
 * OffsetFetch, CreateTopics and the group APIs yield topic, partition, offset and group id; where a
 * version names topics by id (KIP-516), the name comes from the Metadata responses seen on any flow
 * ({@code KafkaTopicNames}), else the id is printed as Kafka prints it. Versions newer than the
 * parser knows are framed and named, their bodies left undecoded. A Produce's first
 * record (record batch v2, uncompressed) yields trace and span ids from its headers; responses of the
 * APIs DeepFlow inspects (Produce, Fetch, JoinGroup, LeaveGroup, SyncGroup, ApiVersions) yield
 * their error code, the others answer {@code -2 "Type not yet inspected by DeepFlow"} as DeepFlow does.
 */
package io.wirespan.engine.protocol.kafka;
