/*
 * Wirespan's C SDK for Wasm plugins: the guest side of DeepFlow's plugin ABI
 * (shared/spec/deepflow-wasm-abi.md), so a plugin written in C runs in Wirespan and in DeepFlow's
 * agent alike.
 *
 * Build a plugin with Debian's clang, lld and wasi-libc:
 *
 *   clang --target=wasm32-wasi -O2 -I plugins/sdk/c -o my.wasm my.c plugins/sdk/c/wasm_plugin.c
 *
 * A plugin defines wp_hooks() and any of the wp_on_* callbacks below; the SDK's file supplies the
 * exports the host calls, reads the context, and turns results into the "PB" + protobuf records
 * the host decodes. Every callback it does not define does nothing.
 */
#ifndef WASM_PLUGIN_H
#define WASM_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

/* ---- what a callback returns: the ABI's actions ---- */
#define WP_NEXT 0  /* not mine: offer the event to the next plugin */
#define WP_DONE 1  /* handled: stop; a result sent with wp_send_infos() is kept */

/* ---- hooks, for wp_hooks() ---- */
#define WP_HOOK_PAYLOAD        (1u << 0) /* check_payload and parse_payload */
#define WP_HOOK_HTTP_REQ       (1u << 1)
#define WP_HOOK_HTTP_RESP      (1u << 2)
#define WP_HOOK_CUSTOM_MESSAGE (1u << 3)

/* ---- constants of the ABI ---- */
enum wp_direction { WP_REQUEST = 0, WP_RESPONSE = 1 };
enum wp_status { WP_STATUS_OK = 0, WP_STATUS_TIMEOUT = 2, WP_STATUS_SERVER_ERROR = 3,
                 WP_STATUS_CLIENT_ERROR = 4, WP_STATUS_UNKNOWN = 5 };
enum wp_log_level { WP_INFO = 0, WP_WARN = 1, WP_ERROR = 2 };
#define WP_PROTOCOL_DUBBO 40
#define WP_PROTOCOL_NATS 104
#define WP_PROTOCOL_ZMTP 106
#define WP_PROTOCOL_ROCKETMQ 107

/* Bytes that are not NUL-terminated: a view into a buffer of the SDK's or the plugin's. */
typedef struct { const char *data; size_t len; } wp_str;

/* The packet's context (ABI §3.1). */
typedef struct {
    uint8_t ip_version; /* 4 or 6 */
    uint8_t src_ip[16], dst_ip[16];
    uint16_t src_port, dst_port;
    uint8_t l4;         /* 6 TCP, 17 UDP */
    uint8_t l7;         /* 0 in check; the plugin's protocol number in parse; the HTTP protocol in HTTP hooks */
    uint8_t ebpf_type;  /* 255: packet capture */
    uint64_t time_us;
    uint8_t direction;  /* enum wp_direction */
    wp_str process_name;
    uint64_t flow_id;
    uint16_t buf_size;  /* the payload truncation */
} wp_ctx;

typedef struct { wp_str path, host, user_agent, referer; } wp_http_req;
typedef struct { uint16_t code; uint8_t status; wp_str endpoint; } wp_http_resp;
typedef struct { uint16_t hook_point; uint32_t type_code; wp_str protobuf; } wp_custom_message;

/* What a plugin reports; a NULL or zero member is left out. */
typedef struct { const char *version, *type, *domain, *resource, *endpoint; } wp_request;
typedef struct {
    int status;              /* enum wp_status */
    int has_code; int32_t code;
    const char *exception, *result, *type, *endpoint;
} wp_response;
typedef struct { const char *trace_id, *span_id, *parent_span_id, *x_request_id, *http_proxy_client; } wp_trace;
typedef struct { const char *key, *value; } wp_kv;
typedef struct {
    int has_request_id; uint32_t request_id;   /* pairs a request with its response */
    int has_req_len; uint32_t req_len;
    int has_resp_len; uint32_t resp_len;
    const wp_request *req;                    /* one of req and resp */
    const wp_response *resp;
    const wp_trace *trace;
    const char *protocol_str;
    int is_async, is_reversed;                 /* 0 or 1 */
    const wp_kv *attributes; size_t attribute_count;
} wp_info;

/* What check_payload decides: protocol 0 means "not mine". */
typedef struct { uint8_t protocol; const char *name; int direction; } wp_check;

/* ---- callbacks a plugin may define ---- */
uint32_t wp_hooks(void);                    /* required: WP_HOOK_* flags */
uint64_t wp_custom_message_hook(void);      /* protocol id (hook point 0), or WP_HOOK_ALL_MESSAGES */
#define WP_HOOK_ALL_MESSAGES (0xffull << 48)
wp_check wp_on_check_payload(const wp_ctx *ctx);
int wp_on_parse_payload(const wp_ctx *ctx);
int wp_on_http_req(const wp_ctx *ctx, const wp_http_req *req);
int wp_on_http_resp(const wp_ctx *ctx, const wp_http_resp *resp);
int wp_on_custom_message(const wp_ctx *ctx, const wp_custom_message *message);

/* ---- host services ---- */
/* The payload, at most ctx->buf_size bytes, in a buffer of the SDK's; its length in *len, or NULL. */
const uint8_t *wp_payload(size_t *len);
/* Sends results for this call; returns 1 when the host accepted them. Then return WP_DONE. */
int wp_send_infos(const wp_info *infos, size_t count);
void wp_log(int level, const char *message);

/*
 * Plugins see payloads, not messages: a message may go on in the next payloads of its direction.
 * wp_continues() says that the message just started goes on for `remaining` bytes past this
 * payload; wp_continued() returns how many leading bytes of this payload finish such a message
 * (0 if none), to be skipped. Kept per flow and direction, for up to 256 at a time.
 */
void wp_continues(const wp_ctx *ctx, uint32_t remaining);
size_t wp_continued(const wp_ctx *ctx, size_t payload_len);

/* Compares a view with a C string. */
int wp_str_eq(wp_str s, const char *text);

/*
 * Append text, or a number in decimal, to out at *at, advancing *at; out stays NUL-terminated and
 * nothing is written past cap (the text is cut). printf's formatting costs more than a whole
 * plugin call, so these are the cheap way to build a result's strings.
 */
void wp_append(char *out, size_t cap, size_t *at, const char *text);
void wp_append_int(char *out, size_t cap, size_t *at, int64_t n);

#endif
