/**
 * MQTT over TCP: OASIS <i>MQTT Version 3.1.1</i> (Standard, 29 October 2014,
 * https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html) and OASIS <i>MQTT Version
 * 5.0</i> (Standard, 7 March 2019, https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html);
 * MQTT 3.1 ({@code MQIsdp}, level 3) shares 3.1.1's layout. Section numbers in comments are the
 * 3.1.1 spec's unless marked 5.0.
 *
 * <pre>
 *  bytes ─► MqttFramer (one per direction)          ─► MqttDecoder ─► MqttPacket ─► MqttParser ─► L7Message
 *           fixed header: type|flags, remaining        variable header,  sealed records   roles, pairing ids,
 *           length (1–4 byte varint), resumable;       payload head;     Connect, Publish, status, version
 *           a long PUBLISH is skipped as it arrives    v5 properties     SubAck, …        kept per flow
 *           IN_SYNC ──bad header/gap──► HUNTING ──plausible header that fits──► IN_SYNC
 * </pre>
 *
 * <p>{@link io.wirespan.engine.protocol.mqtt.MqttProtocol} is the entry. {@code check} accepts a
 * CONNECT (as DeepFlow does) or, mid-stream, a run of well-formed PUBLISH/SUBSCRIBE packets;
 * {@code parse} reports each control packet: request_type = packet type name, request_domain =
 * CONNECT client id, request_resource/endpoint = topic (comma-joined filters for SUBSCRIBE),
 * request/response length = remaining length, response_code = CONNACK return code or an MQTT 5
 * failure reason code, version {@code 3.1}/{@code 3.1.1}/{@code 5} from the flow's CONNECT.
 */
package io.wirespan.engine.protocol.mqtt;
