/*
 * A plugin on every hook, each doing the least a real plugin does: read the context and what the
 * hook offers, decide, and hand one result back. A template to start from, and what the hook
 * benchmark (wirespan-bench, PluginHookBenchmark) measures: the cost of a call, host and guest.
 *
 * - check_payload claims payloads starting with "PING " as protocol 9, "ping";
 * - parse_payload reports each payload of it as a request or response;
 * - on_http_req takes the trace id from the path's query "?trace=...";
 * - on_http_resp marks responses with a 2xx code and an "/admin" endpoint as client errors;
 * - on_custom_message, for NATS messages, reports the protobuf payload's size as an attribute.
 */
#include "wasm_plugin.h"

#include <string.h>

#define PROTOCOL 9

uint32_t wp_hooks(void) {
    return WP_HOOK_PAYLOAD | WP_HOOK_HTTP_REQ | WP_HOOK_HTTP_RESP | WP_HOOK_CUSTOM_MESSAGE;
}

uint64_t wp_custom_message_hook(void) { return WP_PROTOCOL_NATS; }

wp_check wp_on_check_payload(const wp_ctx *ctx) {
    size_t n;
    const uint8_t *p = wp_payload(&n);
    wp_check verdict = {0, 0, 0};
    if (p && n >= 5 && memcmp(p, "PING ", 5) == 0) {
        verdict.protocol = PROTOCOL;
        verdict.name = "ping";
        verdict.direction = ctx->direction;
    }
    return verdict;
}

int wp_on_parse_payload(const wp_ctx *ctx) {
    if (ctx->l7 != PROTOCOL) return WP_NEXT;
    size_t n;
    const uint8_t *p = wp_payload(&n);
    if (!p) return WP_NEXT;
    wp_info info;
    memset(&info, 0, sizeof info);
    info.protocol_str = "ping";
    if (ctx->direction == WP_REQUEST) {
        wp_request req = {"1", "PING", 0, "/", 0};
        info.req = &req;
        info.has_req_len = 1;
        info.req_len = (uint32_t) n;
        return wp_send_infos(&info, 1) ? WP_DONE : WP_NEXT;
    }
    wp_response resp = {WP_STATUS_OK, 0, 0, 0, 0, 0, 0};
    info.resp = &resp;
    info.has_resp_len = 1;
    info.resp_len = (uint32_t) n;
    return wp_send_infos(&info, 1) ? WP_DONE : WP_NEXT;
}

int wp_on_http_req(const wp_ctx *ctx, const wp_http_req *req) {
    (void) ctx;
    static const char key[] = "?trace=";
    for (size_t i = 0; i + sizeof key - 1 <= req->path.len; i++) {
        if (memcmp(req->path.data + i, key, sizeof key - 1) != 0) continue;
        char id[64];
        size_t start = i + sizeof key - 1, len = req->path.len - start;
        if (len >= sizeof id) len = sizeof id - 1;
        memcpy(id, req->path.data + start, len);
        id[len] = 0;
        wp_trace trace = {id, 0, 0, 0, 0};
        wp_info info;
        memset(&info, 0, sizeof info);
        info.trace = &trace;
        return wp_send_infos(&info, 1) ? WP_DONE : WP_NEXT;
    }
    return WP_NEXT;
}

int wp_on_http_resp(const wp_ctx *ctx, const wp_http_resp *resp) {
    (void) ctx;
    if (resp->code < 200 || resp->code >= 300 || resp->endpoint.len < 6 || memcmp(resp->endpoint.data, "/admin", 6) != 0) {
        return WP_NEXT;
    }
    wp_response rewritten = {WP_STATUS_CLIENT_ERROR, 1, 403, "admin only", 0, 0, 0};
    wp_info info;
    memset(&info, 0, sizeof info);
    info.resp = &rewritten;
    return wp_send_infos(&info, 1) ? WP_DONE : WP_NEXT;
}

int wp_on_custom_message(const wp_ctx *ctx, const wp_custom_message *message) {
    (void) ctx;
    char size[24];
    size_t at = 0;
    wp_append_int(size, sizeof size, &at, (int64_t) message->protobuf.len);
    wp_kv attribute = {"message_bytes", size};
    wp_info info;
    memset(&info, 0, sizeof info);
    info.attributes = &attribute;
    info.attribute_count = 1;
    return wp_send_infos(&info, 1) ? WP_DONE : WP_NEXT;
}

int main(void) { return 0; }
