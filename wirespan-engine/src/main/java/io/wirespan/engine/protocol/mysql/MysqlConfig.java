package io.wirespan.engine.protocol.mysql;

/**
 * The MySQL parser's settings ({@code processors.request_log.application_protocol_inference.protocol_special_config.mysql}).
 *
 * @param decompressPayload inflate the compressed protocol's zlib frames ({@code mysql.decompress_payload}, default true);
 *     when false, a compressed response is reported as {@code parse_failed}
 * @param endpointDisabled leave {@code endpoint} empty instead of deriving {@code SELECT table} and the like
 *     from the SQL ({@code mysql.endpoint_disabled}, default false)
 */
public record MysqlConfig(boolean decompressPayload, boolean endpointDisabled) {
    public static final MysqlConfig DEFAULTS = new MysqlConfig(true, false);
}
