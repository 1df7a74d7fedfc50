/*
 * http-status-rewrite: an HTTP response hook for services that answer errors with HTTP 200 and a
 * JSON body such as {"OPT_STATUS":"FAIL","DESCRIPTION":"card declined"}.
 *
 * When the body's OPT_STATUS is not SUCCESS and the HTTP code is below 400, the call becomes
 * code 500, status server_error, with DESCRIPTION as the exception and the body as the result. A
 * code of 400 or more is kept (its status follows the code) and gets the body as result. With
 * OPT_STATUS SUCCESS, or without one, the call is left as the HTTP parser saw it.
 */
#include "wasm_plugin.h"

#include <string.h>

#define MAX_TEXT 512

uint32_t wp_hooks(void) { return WP_HOOK_HTTP_RESP; }

/* The body: what follows the blank line that ends the response head. */
static const char *find_body(const uint8_t *p, size_t n, size_t *len) {
    for (size_t i = 0; i + 3 < n; i++) {
        if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' && p[i + 3] == '\n') {
            *len = n - i - 4;
            return (const char *) p + i + 4;
        }
    }
    return 0;
}

/*
 * The string value of "key" in a flat JSON object, unescaped only as far as \" and \\, copied to
 * out; 0 when the key is missing or its value is not a string.
 */
static int json_string(const char *body, size_t n, const char *key, char *out, size_t cap) {
    size_t k = strlen(key);
    for (size_t i = 0; i + k + 2 < n; i++) {
        if (body[i] != '"' || memcmp(body + i + 1, key, k) != 0 || body[i + 1 + k] != '"') continue;
        size_t j = i + k + 2;
        while (j < n && (body[j] == ' ' || body[j] == ':' || body[j] == '\t')) j++;
        if (j >= n || body[j] != '"') return 0;
        size_t o = 0;
        for (j++; j < n && body[j] != '"'; j++) {
            if (body[j] == '\\' && j + 1 < n) j++;
            if (o + 1 < cap) out[o++] = body[j];
        }
        out[o] = 0;
        return j < n;
    }
    return 0;
}

static int status_of(int code) {
    if (code >= 500) return WP_STATUS_SERVER_ERROR;
    if (code >= 400) return WP_STATUS_CLIENT_ERROR;
    return WP_STATUS_OK;
}

int wp_on_http_resp(const wp_ctx *ctx, const wp_http_resp *resp) {
    (void) ctx;
    size_t n, body_len;
    const uint8_t *payload = wp_payload(&n);
    if (!payload) return WP_NEXT;
    const char *body = find_body(payload, n, &body_len);
    if (!body) return WP_NEXT;
    char opt_status[MAX_TEXT], description[MAX_TEXT], result[MAX_TEXT];
    if (!json_string(body, body_len, "OPT_STATUS", opt_status, sizeof opt_status)) return WP_NEXT;
    if (strcmp(opt_status, "SUCCESS") == 0) return WP_NEXT;
    if (!json_string(body, body_len, "DESCRIPTION", description, sizeof description)) description[0] = 0;

    /* the body as the result, without its trailing line end */
    size_t r = body_len < sizeof result - 1 ? body_len : sizeof result - 1;
    while (r > 0 && (body[r - 1] == '\n' || body[r - 1] == '\r')) r--;
    memcpy(result, body, r);
    result[r] = 0;

    wp_response rewritten;
    memset(&rewritten, 0, sizeof rewritten);
    rewritten.result = result;
    rewritten.has_code = 1;
    if (resp->code < 400) {
        rewritten.code = 500;
        rewritten.status = WP_STATUS_SERVER_ERROR;
        rewritten.exception = description;
    } else {
        rewritten.code = resp->code;
        rewritten.status = status_of(resp->code);
    }
    wp_info info;
    memset(&info, 0, sizeof info);
    info.resp = &rewritten;
    if (!wp_send_infos(&info, 1)) wp_log(WP_WARN, "http-status-rewrite: the host refused the result");
    return WP_DONE;
}

int main(void) { return 0; }
