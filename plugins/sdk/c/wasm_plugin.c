/* The exports of DeepFlow's plugin ABI, built on the callbacks of wasm_plugin.h. */
#include "wasm_plugin.h"

#include <string.h>

#define IMPORT(name) __attribute__((import_module("deepflow"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))
#define WEAK __attribute__((weak))

IMPORT(wasm_log) void host_log(const char *p, int len, int level);
IMPORT(vm_read_ctx_base) int host_ctx(uint8_t *p, int len);
IMPORT(vm_read_payload) int host_payload(uint8_t *p, int len);
IMPORT(vm_read_http_req_info) int host_http_req(uint8_t *p, int len);
IMPORT(vm_read_http_resp_info) int host_http_resp(uint8_t *p, int len);
IMPORT(vm_read_custom_message_info) int host_custom_message(uint8_t *p, int len);
IMPORT(host_read_l7_protocol_info) int host_result(const uint8_t *p, int len);
IMPORT(host_read_str_result) int host_string(const uint8_t *p, int len);

static uint8_t ctx_buffer[1024];
static uint8_t part_buffer[65536];
static uint8_t payload_buffer[65536];
static uint8_t result_buffer[65536];

/* ---- defaults for the callbacks a plugin leaves out ---- */
WEAK uint64_t wp_custom_message_hook(void) { return 0; }
WEAK wp_check wp_on_check_payload(const wp_ctx *ctx) { (void) ctx; wp_check none = {0, 0, 0}; return none; }
WEAK int wp_on_parse_payload(const wp_ctx *ctx) { (void) ctx; return WP_NEXT; }
WEAK int wp_on_http_req(const wp_ctx *ctx, const wp_http_req *req) { (void) ctx; (void) req; return WP_NEXT; }
WEAK int wp_on_http_resp(const wp_ctx *ctx, const wp_http_resp *resp) { (void) ctx; (void) resp; return WP_NEXT; }
WEAK int wp_on_custom_message(const wp_ctx *ctx, const wp_custom_message *m) { (void) ctx; (void) m; return WP_NEXT; }

/* ---- big-endian reading ---- */
typedef struct { const uint8_t *p; size_t len, at; int bad; } reader;

static uint64_t be(reader *r, size_t n) {
    uint64_t v = 0;
    if (r->at + n > r->len) { r->bad = 1; return 0; }
    for (size_t i = 0; i < n; i++) v = v << 8 | r->p[r->at + i];
    r->at += n;
    return v;
}

static wp_str view(reader *r, size_t n) {
    wp_str s = {0, 0};
    if (r->at + n > r->len) { r->bad = 1; return s; }
    s.data = (const char *) r->p + r->at;
    s.len = n;
    r->at += n;
    return s;
}

static wp_str prefixed(reader *r) { return view(r, (size_t) be(r, 2)); }

static int read_ctx(wp_ctx *ctx) {
    int n = host_ctx(ctx_buffer, sizeof ctx_buffer);
    if (n <= 0) return 0;
    reader r = {ctx_buffer, (size_t) n, 0, 0};
    memset(ctx, 0, sizeof *ctx);
    ctx->ip_version = (uint8_t) be(&r, 1);
    size_t ip = ctx->ip_version == 4 ? 4 : ctx->ip_version == 6 ? 16 : 0;
    if (ip == 0) return 0;
    wp_str src = view(&r, ip), dst = view(&r, ip);
    if (r.bad) return 0;
    memcpy(ctx->src_ip, src.data, ip);
    memcpy(ctx->dst_ip, dst.data, ip);
    ctx->src_port = (uint16_t) be(&r, 2);
    ctx->dst_port = (uint16_t) be(&r, 2);
    ctx->l4 = (uint8_t) be(&r, 1);
    ctx->l7 = (uint8_t) be(&r, 1);
    ctx->ebpf_type = (uint8_t) be(&r, 1);
    ctx->time_us = be(&r, 8);
    ctx->direction = (uint8_t) be(&r, 1);
    ctx->process_name = view(&r, (size_t) be(&r, 1));
    ctx->flow_id = be(&r, 8);
    ctx->buf_size = (uint16_t) be(&r, 2);
    return !r.bad && (ctx->l4 == 6 || ctx->l4 == 17) && ctx->direction <= 1;
}

/* ---- protobuf writing (AppInfo of the ABI's WasmPluginApi.proto) ---- */
typedef struct { uint8_t *p; size_t cap, len; int bad; } writer;

static void put(writer *w, const void *bytes, size_t n) {
    if (w->len + n > w->cap) { w->bad = 1; return; }
    memcpy(w->p + w->len, bytes, n);
    w->len += n;
}

static void varint(writer *w, uint64_t v) {
    uint8_t b[10];
    size_t n = 0;
    do { b[n++] = (uint8_t) ((v & 0x7f) | (v > 0x7f ? 0x80 : 0)); v >>= 7; } while (v);
    put(w, b, n);
}

static void key(writer *w, int field, int wire_type) { varint(w, (uint64_t) field << 3 | (uint64_t) wire_type); }
static void uint_field(writer *w, int field, uint64_t v) { key(w, field, 0); varint(w, v); }

static void bytes_field(writer *w, int field, const void *p, size_t n) {
    key(w, field, 2);
    varint(w, n);
    put(w, p, n);
}

static void string_field(writer *w, int field, const char *s) {
    if (s) bytes_field(w, field, s, strlen(s));
}

/* A nested message is written to the scratch area past the end, then moved into place. */
static writer scratch(writer *w) {
    size_t start = w->len + 16;
    writer s = {w->p + start, start < w->cap ? w->cap - start : 0, 0, w->bad};
    return s;
}

static void message_field(writer *w, int field, writer *inner) {
    if (inner->bad) { w->bad = 1; return; }
    uint8_t *content = inner->p;
    size_t n = inner->len;
    key(w, field, 2);
    varint(w, n);
    if (w->len + n > w->cap) { w->bad = 1; return; }
    memmove(w->p + w->len, content, n);
    w->len += n;
}

static void app_info(writer *w, const wp_info *info) {
    if (info->has_req_len) uint_field(w, 1, info->req_len);
    if (info->has_resp_len) uint_field(w, 2, info->resp_len);
    if (info->has_request_id) uint_field(w, 3, info->request_id);
    if (info->req) {
        writer m = scratch(w);
        string_field(&m, 1, info->req->version);
        string_field(&m, 2, info->req->type);
        string_field(&m, 3, info->req->domain);
        string_field(&m, 4, info->req->resource);
        string_field(&m, 5, info->req->endpoint);
        message_field(w, 10, &m);
    } else if (info->resp) {
        writer m = scratch(w);
        uint_field(&m, 1, (uint64_t) info->resp->status); /* always sent: the host needs it */
        if (info->resp->has_code) uint_field(&m, 2, (uint64_t) (int64_t) info->resp->code);
        string_field(&m, 3, info->resp->exception);
        string_field(&m, 4, info->resp->result);
        string_field(&m, 5, info->resp->type);
        string_field(&m, 6, info->resp->endpoint);
        message_field(w, 11, &m);
    }
    if (info->trace) {
        writer m = scratch(w);
        string_field(&m, 1, info->trace->trace_id);
        string_field(&m, 2, info->trace->span_id);
        string_field(&m, 3, info->trace->parent_span_id);
        string_field(&m, 4, info->trace->x_request_id);
        string_field(&m, 5, info->trace->http_proxy_client);
        message_field(w, 12, &m);
    }
    string_field(w, 13, info->protocol_str);
    if (info->is_async) uint_field(w, 22, 1);
    if (info->is_reversed) uint_field(w, 23, 1);
    for (size_t i = 0; i < info->attribute_count; i++) {
        writer m = scratch(w);
        string_field(&m, 1, info->attributes[i].key ? info->attributes[i].key : "");
        string_field(&m, 2, info->attributes[i].value ? info->attributes[i].value : "");
        message_field(w, 31, &m);
    }
}

int wp_send_infos(const wp_info *infos, size_t count) {
    writer w = {result_buffer, sizeof result_buffer, 0, 0};
    for (size_t i = 0; i < count; i++) {
        size_t length_at = w.len;
        put(&w, "\0\0PB", 4);
        if (w.bad) return 0;
        writer body = {w.p + w.len, w.cap - w.len, 0, 0};
        app_info(&body, &infos[i]);
        if (body.bad || body.len + 2 > 0xffff) return 0;
        w.len += body.len;
        size_t record = body.len + 2;
        result_buffer[length_at] = (uint8_t) (record >> 8);
        result_buffer[length_at + 1] = (uint8_t) record;
    }
    return host_result(result_buffer, (int) w.len);
}

const uint8_t *wp_payload(size_t *len) {
    int n = host_payload(payload_buffer, sizeof payload_buffer);
    if (n < 0) return 0;
    *len = (size_t) n;
    return payload_buffer;
}

void wp_log(int level, const char *message) { host_log(message, (int) strlen(message), level); }

typedef struct { uint64_t flow; uint8_t direction; uint32_t remaining; } continuation;
static continuation continuations[256];
static size_t continuing; /* slots in use: most payloads find none and skip the search */

static continuation *continuation_of(const wp_ctx *ctx, int create) {
    if (!continuing && !create) return 0;
    continuation *free_slot = 0;
    for (size_t i = 0; i < sizeof continuations / sizeof *continuations; i++) {
        continuation *c = &continuations[i];
        if (c->remaining && c->flow == ctx->flow_id && c->direction == ctx->direction) return c;
        if (!c->remaining && !free_slot) free_slot = c;
    }
    if (!create || !free_slot) return 0;
    free_slot->flow = ctx->flow_id;
    free_slot->direction = ctx->direction;
    return free_slot;
}

static void set_remaining(continuation *c, uint32_t remaining) {
    if (!c->remaining && remaining) continuing++;
    if (c->remaining && !remaining) continuing--;
    c->remaining = remaining;
}

void wp_continues(const wp_ctx *ctx, uint32_t remaining) {
    continuation *c = continuation_of(ctx, remaining != 0);
    if (c) set_remaining(c, remaining);
}

size_t wp_continued(const wp_ctx *ctx, size_t payload_len) {
    continuation *c = continuation_of(ctx, 0);
    if (!c) return 0;
    size_t k = c->remaining < payload_len ? c->remaining : payload_len;
    set_remaining(c, c->remaining - (uint32_t) k);
    return k;
}

int wp_str_eq(wp_str s, const char *text) { return s.len == strlen(text) && memcmp(s.data, text, s.len) == 0; }

void wp_append(char *out, size_t cap, size_t *at, const char *text) {
    if (cap == 0) return;
    while (*text && *at + 1 < cap) out[(*at)++] = *text++;
    out[*at < cap ? *at : cap - 1] = 0;
}

void wp_append_int(char *out, size_t cap, size_t *at, int64_t n) {
    char digits[21];
    size_t k = sizeof digits;
    uint64_t magnitude = n < 0 ? 0 - (uint64_t) n : (uint64_t) n;
    digits[--k] = 0;
    do digits[--k] = (char) ('0' + magnitude % 10); while ((magnitude /= 10) != 0);
    if (n < 0) digits[--k] = '-';
    wp_append(out, cap, at, digits + k);
}

/* ---- the exports ---- */
static uint8_t hook_bitmap[16];
static uint8_t custom_hook[8];

EXPORT(get_hook_bitmap) uint8_t *get_hook_bitmap(void) {
    uint32_t hooks = wp_hooks();
    memset(hook_bitmap, 0, sizeof hook_bitmap);
    /* a u128, big-endian: bit 127 HTTP request, 126 HTTP response, 125 custom message, 0 payload */
    if (hooks & WP_HOOK_HTTP_REQ) hook_bitmap[0] |= 0x80;
    if (hooks & WP_HOOK_HTTP_RESP) hook_bitmap[0] |= 0x40;
    if (hooks & WP_HOOK_CUSTOM_MESSAGE) hook_bitmap[0] |= 0x20;
    if (hooks & WP_HOOK_PAYLOAD) hook_bitmap[15] |= 0x01;
    return hook_bitmap;
}

EXPORT(get_custom_message_hook) uint8_t *get_custom_message_hook(void) {
    uint64_t hook = wp_custom_message_hook();
    if (!hook) return 0;
    for (int i = 7; i >= 0; i--, hook >>= 8) custom_hook[i] = (uint8_t) hook;
    return custom_hook;
}

EXPORT(check_payload) int check_payload(void) {
    wp_ctx ctx;
    if (!read_ctx(&ctx)) return 0;
    wp_check verdict = wp_on_check_payload(&ctx);
    if (verdict.protocol == 0) return 0;
    uint8_t name[2 + 16];
    size_t n = verdict.name ? strlen(verdict.name) : 0;
    if (n > 16) n = 16; /* as DeepFlow's Go SDK */
    name[0] = 0;
    name[1] = (uint8_t) n;
    memcpy(name + 2, verdict.name, n);
    if (!host_string(name, (int) n + 2)) return 0;
    int direction = verdict.direction == WP_RESPONSE ? 2 : 1;
    return direction << 8 | verdict.protocol;
}

EXPORT(parse_payload) int parse_payload(void) {
    wp_ctx ctx;
    return read_ctx(&ctx) ? wp_on_parse_payload(&ctx) : WP_NEXT;
}

EXPORT(on_http_req) int on_http_req(void) {
    wp_ctx ctx;
    if (!read_ctx(&ctx)) return WP_NEXT;
    int n = host_http_req(part_buffer, sizeof part_buffer);
    if (n <= 0) return WP_NEXT;
    reader r = {part_buffer, (size_t) n, 0, 0};
    wp_http_req req;
    req.path = prefixed(&r);
    req.host = prefixed(&r);
    req.user_agent = prefixed(&r);
    req.referer = prefixed(&r);
    return r.bad ? WP_NEXT : wp_on_http_req(&ctx, &req);
}

EXPORT(on_http_resp) int on_http_resp(void) {
    wp_ctx ctx;
    if (!read_ctx(&ctx)) return WP_NEXT;
    int n = host_http_resp(part_buffer, sizeof part_buffer);
    if (n < 3) return WP_NEXT;
    reader r = {part_buffer, (size_t) n, 0, 0};
    wp_http_resp resp;
    resp.code = (uint16_t) be(&r, 2);
    resp.status = (uint8_t) be(&r, 1);
    resp.endpoint = r.at < r.len ? prefixed(&r) : (wp_str) {0, 0};
    return r.bad ? WP_NEXT : wp_on_http_resp(&ctx, &resp);
}

EXPORT(on_custom_message) int on_custom_message(void) {
    wp_ctx ctx;
    if (!read_ctx(&ctx)) return WP_NEXT;
    int n = host_custom_message(part_buffer, sizeof part_buffer);
    if (n < 10) return WP_NEXT;
    reader r = {part_buffer, (size_t) n, 0, 0};
    wp_custom_message m;
    m.hook_point = (uint16_t) be(&r, 2);
    m.type_code = (uint32_t) be(&r, 4);
    m.protobuf = view(&r, (size_t) be(&r, 4));
    return r.bad ? WP_NEXT : wp_on_custom_message(&ctx, &m);
}
