/*
 * A test plugin for a made-up line protocol: "HELLO <name>\n" answered by "OK <text>\n" or
 * "ERR <text>\n". It claims flows, parses both sides and logs; built with the C SDK.
 */
#include "wasm_plugin.h"

#include <stdio.h>
#include <string.h>

#define PROTOCOL 7
#ifndef HELLO_TRACE_ID
#define HELLO_TRACE_ID "trace-of-hello" /* a build may set another, to tell versions apart */
#endif

uint32_t wp_hooks(void) { return WP_HOOK_PAYLOAD; }

static int starts_with(const uint8_t *p, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && memcmp(p, prefix, k) == 0;
}

/* The text after the first space up to the line end, NUL-terminated in out. */
static void rest_of_line(const uint8_t *p, size_t n, char *out, size_t cap) {
    size_t i = 0, o = 0;
    while (i < n && p[i] != ' ') i++;
    if (i < n) i++;
    while (i < n && p[i] != '\r' && p[i] != '\n' && o + 1 < cap) out[o++] = (char) p[i++];
    out[o] = 0;
}

wp_check wp_on_check_payload(const wp_ctx *ctx) {
    size_t n;
    const uint8_t *p = wp_payload(&n);
    wp_check verdict = {0, 0, 0};
    if (p && ctx->direction == WP_REQUEST && starts_with(p, n, "HELLO ")) {
        verdict.protocol = PROTOCOL;
        verdict.name = "hello";
        verdict.direction = WP_REQUEST;
    }
    return verdict;
}

int wp_on_parse_payload(const wp_ctx *ctx) {
    if (ctx->l7 != PROTOCOL) return WP_NEXT; /* parse_payload is offered to every plugin */
    size_t n;
    const uint8_t *p = wp_payload(&n);
    if (!p) return WP_NEXT;
    char text[128];
    rest_of_line(p, n, text, sizeof text);
    wp_kv attribute = {"text", text};
    wp_info info;
    memset(&info, 0, sizeof info);
    info.attributes = &attribute;
    info.attribute_count = 1;
    info.protocol_str = "hello";
    if (ctx->direction == WP_REQUEST) {
        wp_request req = {"1", "HELLO", 0, text, "hello"};
        info.req = &req;
        info.has_req_len = 1;
        info.req_len = (uint32_t) n;
        return wp_send_infos(&info, 1) ? WP_DONE : WP_NEXT;
    }
    int error = starts_with(p, n, "ERR ");
    wp_response resp = {error ? WP_STATUS_SERVER_ERROR : WP_STATUS_OK, 1, error ? 500 : 200,
                        error ? text : 0, error ? 0 : text, 0, 0};
    wp_trace trace = {HELLO_TRACE_ID, 0, 0, 0, 0};
    info.resp = &resp;
    info.trace = &trace;
    printf("answered %s\n", error ? "with an error" : "ok"); /* standard output becomes a log line */
    return wp_send_infos(&info, 1) ? WP_DONE : WP_NEXT;
}

int main(void) { return 0; }
