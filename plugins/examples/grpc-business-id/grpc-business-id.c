/*
 * grpc-business-id: a gRPC service as a plugin's protocol, for the seeds' Game service:
 *
 *   service Game { rpc Game(OrderRequest) returns (OrderResponse); }
 *   message OrderRequest  { string business_id = 1235; }
 *   message OrderResponse { string msg = 1235; }
 *
 * The plugin claims HTTP/2 connections (the client preface, or the server's SETTINGS, which many
 * servers send first) on the ports it is given (configure port_number_prefilters: {Custom:
 * "<port>"}), reads the gRPC messages of DATA frames, and reports
 * each call with the business id as its trace id, so that calls for one business id form one
 * trace, and with the attributes business_id and msg. Requests and responses pair by stream id.
 * HEADERS frames (HPACK) are not read: a call answered with an error status and no message has
 * no response record.
 */
#include "wasm_plugin.h"

#include <string.h>

#define PROTOCOL 11
#define FIELD 1235
#define MAX_TEXT 128

static const char PREFACE[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

uint32_t wp_hooks(void) { return WP_HOOK_PAYLOAD; }

/* A SETTINGS frame on stream 0 at the start of p: the first thing an HTTP/2 server sends. */
static int server_settings(const uint8_t *p, size_t n) {
    if (n < 9) return 0;
    size_t length = (size_t) p[0] << 16 | (size_t) p[1] << 8 | p[2];
    return p[3] == 4 && (p[4] & ~1) == 0 && length % 6 == 0 && !(p[5] | p[6] | p[7] | p[8]);
}

wp_check wp_on_check_payload(const wp_ctx *ctx) {
    size_t n;
    const uint8_t *p = wp_payload(&n);
    wp_check verdict = {0, 0, 0};
    if (!p) return verdict;
    int preface = ctx->direction == WP_REQUEST && n >= sizeof PREFACE - 1 && memcmp(p, PREFACE, sizeof PREFACE - 1) == 0;
    int settings = ctx->direction == WP_RESPONSE && server_settings(p, n);
    if (preface || settings) {
        verdict.protocol = PROTOCOL;
        verdict.name = "grpc-business-id";
        verdict.direction = preface ? WP_REQUEST : WP_RESPONSE;
    }
    return verdict;
}

/* ---- what the plugin remembers across payloads ---- */
typedef struct { uint64_t flow; uint32_t stream; char business_id[MAX_TEXT]; } call;
static call calls[256];
static unsigned next_call;


static call *find_call(uint64_t flow, uint32_t stream) {
    for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
        if (calls[i].flow == flow && calls[i].stream == stream && calls[i].business_id[0]) return &calls[i];
    }
    return 0;
}

/* ---- protobuf: the string of field FIELD in a message ---- */
static int read_varint(const uint8_t *p, size_t n, size_t *at, uint64_t *v) {
    *v = 0;
    for (int shift = 0; shift < 64 && *at < n; shift += 7) {
        uint8_t b = p[(*at)++];
        *v |= (uint64_t) (b & 0x7f) << shift;
        if (!(b & 0x80)) return 1;
    }
    return 0;
}

static int field_string(const uint8_t *p, size_t n, char *out, size_t cap) {
    size_t at = 0;
    while (at < n) {
        uint64_t key, value;
        if (!read_varint(p, n, &at, &key)) return 0;
        switch (key & 7) {
            case 0: if (!read_varint(p, n, &at, &value)) return 0; break;
            case 1: at += 8; break;
            case 5: at += 4; break;
            case 2:
                if (!read_varint(p, n, &at, &value) || value > n - at) return 0;
                if (key >> 3 == FIELD) {
                    size_t k = value < cap - 1 ? (size_t) value : cap - 1;
                    memcpy(out, p + at, k);
                    out[k] = 0;
                    return 1;
                }
                at += (size_t) value;
                break;
            default: return 0;
        }
    }
    return 0;
}

/* ---- HTTP/2 frames of a payload ---- */
enum { MAX_RECORDS = 8 };
static wp_info infos[MAX_RECORDS];
static wp_request requests[MAX_RECORDS];
static wp_response responses[MAX_RECORDS];
static wp_trace traces[MAX_RECORDS];
static wp_kv attributes[MAX_RECORDS][2];
static char texts[MAX_RECORDS][2][MAX_TEXT];

/* A DATA frame's gRPC message: one record, or none. */
static int data_frame(const wp_ctx *ctx, uint32_t stream, const uint8_t *p, size_t n, size_t slot) {
    if (n < 5 || p[0] != 0) return 0; /* a compressed message is not read */
    size_t length = (size_t) p[1] << 24 | (size_t) p[2] << 16 | (size_t) p[3] << 8 | p[4];
    if (length > n - 5) return 0;
    char *text = texts[slot][0], *business_id = texts[slot][1];
    if (!field_string(p + 5, length, text, MAX_TEXT)) return 0;
    wp_info *info = &infos[slot];
    memset(info, 0, sizeof *info);
    info->has_request_id = 1;
    info->request_id = stream;
    info->protocol_str = "grpc-business-id";
    info->trace = &traces[slot];
    info->attributes = attributes[slot];
    if (ctx->direction == WP_REQUEST) {
        call *c = &calls[next_call++ % (sizeof calls / sizeof *calls)];
        c->flow = ctx->flow_id;
        c->stream = stream;
        memcpy(c->business_id, text, MAX_TEXT);
        requests[slot] = (wp_request) {"2", "Game/Game", 0, text, "Game/Game"};
        info->req = &requests[slot];
        traces[slot] = (wp_trace) {text, 0, 0, 0, 0};
        attributes[slot][0] = (wp_kv) {"business_id", text};
        info->attribute_count = 1;
        return 1;
    }
    call *c = find_call(ctx->flow_id, stream);
    memcpy(business_id, c ? c->business_id : "", MAX_TEXT);
    if (c) c->business_id[0] = 0;
    responses[slot] = (wp_response) {WP_STATUS_OK, 0, 0, 0, 0, 0, "Game/Game"};
    info->resp = &responses[slot];
    traces[slot] = (wp_trace) {business_id[0] ? business_id : 0, 0, 0, 0, 0};
    attributes[slot][0] = (wp_kv) {"msg", text};
    info->attribute_count = 1;
    if (business_id[0]) {
        attributes[slot][1] = (wp_kv) {"business_id", business_id};
        info->attribute_count = 2;
    }
    return 1;
}

int wp_on_parse_payload(const wp_ctx *ctx) {
    if (ctx->l7 != PROTOCOL) return WP_NEXT;
    size_t n;
    const uint8_t *p = wp_payload(&n);
    if (!p) return WP_NEXT;
    size_t at = 0, count = 0;
    at = wp_continued(ctx, n); /* the rest of a message begun in an earlier payload */
    if (n - at >= sizeof PREFACE - 1 && memcmp(p + at, PREFACE, sizeof PREFACE - 1) == 0) at += sizeof PREFACE - 1;
    while (at + 9 <= n && count < MAX_RECORDS) {
        size_t length = (size_t) p[at] << 16 | (size_t) p[at + 1] << 8 | p[at + 2];
        uint8_t type = p[at + 3], flags = p[at + 4];
        uint32_t stream = ((uint32_t) p[at + 5] << 24 | (uint32_t) p[at + 6] << 16 | (uint32_t) p[at + 7] << 8 | p[at + 8]) & 0x7fffffff;
        if (length > n - at - 9) { /* it goes on in the next payloads */
            wp_continues(ctx, (uint32_t) (length - (n - at - 9)));
            break;
        }
        const uint8_t *frame = p + at + 9;
        size_t body = length;
        if (type == 0 && (flags & 0x8) && body > 0) { /* PADDED */
            size_t pad = frame[0];
            frame++;
            body = pad + 1 <= length ? length - 1 - pad : 0;
        }
        if (type == 0 && data_frame(ctx, stream, frame, body, count)) count++;
        at += 9 + length;
    }
    if (count == 0) return WP_DONE;
    return wp_send_infos(infos, count) ? WP_DONE : WP_NEXT;
}

int main(void) { return 0; }
