/*
 * kafka-topic: Kafka as a plugin's protocol. Each request becomes a record whose type is
 * "<Api>_v<version>" (Produce_v13) and, for Produce and Fetch, whose resource is the first topic;
 * each response pairs with its request by correlation id. Newer clients name topics by id in
 * Produce (v13+) and Fetch (v13+): the plugin learns the names from the Metadata responses it sees
 * (v10+), kept in its memory across calls.
 *
 * Plugins see payloads, not messages: a payload may hold several messages, and a message longer
 * than its payload continues in the next ones, which the plugin skips by length per flow and
 * direction.
 */
#include "wasm_plugin.h"

#include <string.h>

#define PROTOCOL 9
#define PRODUCE 0
#define FETCH 1
#define METADATA 3

uint32_t wp_hooks(void) { return WP_HOOK_PAYLOAD; }

/* ---- reading Kafka's encodings; any overrun sets bad ---- */
typedef struct { const uint8_t *p; size_t n, at; int bad; } in;

static uint64_t be(in *r, size_t k) {
    uint64_t v = 0;
    if (r->at + k > r->n) { r->bad = 1; return 0; }
    for (size_t i = 0; i < k; i++) v = v << 8 | r->p[r->at + i];
    r->at += k;
    return v;
}

static uint64_t uvarint(in *r) {
    uint64_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (r->at >= r->n) { r->bad = 1; return 0; }
        uint8_t b = r->p[r->at++];
        v |= (uint64_t) (b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
    }
    r->bad = 1;
    return 0;
}

static void skip(in *r, size_t k) {
    if (r->at + k > r->n) r->bad = 1;
    else r->at += k;
}

/* A string, classic (int16 length, -1 null) or compact (uvarint length + 1, 0 null), into out. */
static void string(in *r, int compact, char *out, size_t cap) {
    int64_t len = compact ? (int64_t) uvarint(r) - 1 : (int16_t) be(r, 2);
    out[0] = 0;
    if (len < 0 || r->bad) return;
    if (r->at + (size_t) len > r->n) { r->bad = 1; return; }
    size_t k = (size_t) len < cap - 1 ? (size_t) len : cap - 1;
    memcpy(out, r->p + r->at, k);
    out[k] = 0;
    r->at += (size_t) len;
}

static void skip_string(in *r, int compact) {
    int64_t len = compact ? (int64_t) uvarint(r) - 1 : (int16_t) be(r, 2);
    if (len > 0) skip(r, (size_t) len);
}

static int64_t array_count(in *r, int compact) {
    return compact ? (int64_t) uvarint(r) - 1 : (int32_t) be(r, 4);
}

static void skip_tagged_fields(in *r) {
    uint64_t count = uvarint(r);
    for (uint64_t i = 0; i < count && !r->bad; i++) {
        uvarint(r);
        skip(r, (size_t) uvarint(r));
    }
}

/* ---- what the plugin remembers across calls ---- */
typedef struct { uint64_t flow; int32_t correlation; int16_t api, version; } pending;
static pending requests[512];
static unsigned next_request;

typedef struct { uint8_t id[16]; char name[128]; } topic;
static topic topics[256];
static unsigned next_topic;


static const char *topic_name(const uint8_t id[16]) {
    for (size_t i = 0; i < sizeof topics / sizeof *topics; i++) {
        if (topics[i].name[0] && memcmp(topics[i].id, id, 16) == 0) return topics[i].name;
    }
    return 0;
}

static void learn_topic(const uint8_t id[16], const char *name) {
    if (!name[0] || topic_name(id)) return;
    topic *t = &topics[next_topic++ % (sizeof topics / sizeof *topics)];
    memcpy(t->id, id, 16);
    size_t at = 0;
    wp_append(t->name, sizeof t->name, &at, name);
}

/* ---- API names, as Kafka names them ---- */
static const char *const API_NAMES[] = {
    "Produce", "Fetch", "ListOffsets", "Metadata", "LeaderAndIsr", "StopReplica", "UpdateMetadata",
    "ControlledShutdown", "OffsetCommit", "OffsetFetch", "FindCoordinator", "JoinGroup", "Heartbeat",
    "LeaveGroup", "SyncGroup", "DescribeGroups", "ListGroups", "SaslHandshake", "ApiVersions", "CreateTopics",
    "DeleteTopics", "DeleteRecords", "InitProducerId", "OffsetForLeaderEpoch", "AddPartitionsToTxn",
    "AddOffsetsToTxn", "EndTxn", "WriteTxnMarkers", "TxnOffsetCommit", "DescribeAcls", "CreateAcls",
    "DeleteAcls", "DescribeConfigs", "AlterConfigs", "AlterReplicaLogDirs", "DescribeLogDirs",
    "SaslAuthenticate", "CreatePartitions", "CreateDelegationToken", "RenewDelegationToken",
    "ExpireDelegationToken", "DescribeDelegationToken", "DeleteGroups", "ElectLeaders",
    "IncrementalAlterConfigs", "AlterPartitionReassignments", "ListPartitionReassignments", "OffsetDelete",
    "DescribeClientQuotas", "AlterClientQuotas", "DescribeUserScramCredentials", "AlterUserScramCredentials",
};

static void request_type(int api, int version, char *out, size_t cap) {
    size_t at = 0;
    if (api >= 0 && (size_t) api < sizeof API_NAMES / sizeof *API_NAMES) {
        wp_append(out, cap, &at, API_NAMES[api]);
    } else {
        wp_append(out, cap, &at, "Api");
        wp_append_int(out, cap, &at, api);
    }
    wp_append(out, cap, &at, "_v");
    wp_append_int(out, cap, &at, version);
}

/* The first version whose request body and header are flexible (compact strings, tagged fields). */
static int flexible(int api, int version) {
    switch (api) {
        case PRODUCE: return version >= 9;
        case FETCH: return version >= 12;
        case METADATA: return version >= 9;
        default: return 0; /* other bodies are not read, and neither is what follows their client id */
    }
}

/* A plausible request header at the start of p: what check_payload accepts. */
static int looks_like_request(const uint8_t *p, size_t n) {
    if (n < 14) return 0;
    in r = {p, n, 0, 0};
    int64_t size = (int32_t) be(&r, 4);
    int api = (int16_t) be(&r, 2), version = (int16_t) be(&r, 2);
    be(&r, 4);
    int client_id = (int16_t) be(&r, 2);
    return size >= 10 && size < (1 << 26) && api >= 0 && api <= 80 && version >= 0 && version <= 20
           && client_id >= -1 && (size_t) client_id <= size - 10;
}

wp_check wp_on_check_payload(const wp_ctx *ctx) {
    size_t n;
    const uint8_t *p = wp_payload(&n);
    wp_check verdict = {0, 0, 0};
    if (p && ctx->direction == WP_REQUEST && looks_like_request(p, n)) {
        verdict.protocol = PROTOCOL;
        verdict.name = "Kafka";
        verdict.direction = WP_REQUEST;
    }
    return verdict;
}

/* The first topic of a Produce or Fetch body, as a name (learned from Metadata for an id). */
static void first_topic(in *r, int api, int version, char *out, size_t cap) {
    int compact = flexible(api, version);
    out[0] = 0;
    if (api == PRODUCE) {
        if (version >= 3) skip_string(r, compact);       /* transactional_id */
        skip(r, 2 + 4);                                  /* acks, timeout_ms */
    } else {
        if (version <= 14) skip(r, 4);                   /* replica_id */
        skip(r, 4 + 4);                                  /* max_wait_ms, min_bytes */
        if (version >= 3) skip(r, 4);                    /* max_bytes */
        if (version >= 4) skip(r, 1);                    /* isolation_level */
        if (version >= 7) skip(r, 4 + 4);                /* session_id, session_epoch */
    }
    if (array_count(r, compact) < 1 || r->bad) return;
    if (version >= 13) {                                 /* by topic id */
        uint8_t id[16];
        if (r->at + 16 > r->n) return;
        memcpy(id, r->p + r->at, 16);
        const char *name = topic_name(id);
        size_t at = 0;
        if (name) wp_append(out, cap, &at, name);
        return;
    }
    string(r, compact, out, cap);
}

/* Topic ids and names of a Metadata response body (v10+: the versions with ids). */
static void learn_from_metadata(in *r, int version) {
    char name[128];
    skip(r, 4);                                              /* throttle_time_ms */
    for (int64_t b = array_count(r, 1); b > 0 && !r->bad; b--) {
        skip(r, 4); skip_string(r, 1); skip(r, 4); skip_string(r, 1); skip_tagged_fields(r);
    }
    skip_string(r, 1);                                       /* cluster_id */
    skip(r, 4);                                              /* controller_id */
    for (int64_t t = array_count(r, 1); t > 0 && !r->bad; t--) {
        skip(r, 2);                                          /* error_code */
        string(r, 1, name, sizeof name);
        if (r->at + 16 > r->n) { r->bad = 1; return; }
        const uint8_t *id = r->p + r->at;
        r->at += 16;
        if (!r->bad) learn_topic(id, name);
        skip(r, 1);                                          /* is_internal */
        for (int64_t p = array_count(r, 1); p > 0 && !r->bad; p--) {
            skip(r, 2 + 4 + 4 + 4);                          /* error_code, partition_index, leader_id, leader_epoch */
            for (int k = 0; k < 3; k++) {                    /* replica_nodes, isr_nodes, offline_replicas */
                int64_t nodes = array_count(r, 1);
                if (nodes > 0) skip(r, 4 * (size_t) nodes);
            }
            skip_tagged_fields(r);
        }
        if (version >= 8) skip(r, 4);                        /* topic_authorized_operations */
        skip_tagged_fields(r);
    }
}

static pending *find_request(uint64_t flow, int32_t correlation) {
    for (size_t i = 0; i < sizeof requests / sizeof *requests; i++) {
        if (requests[i].flow == flow && requests[i].correlation == correlation && requests[i].api >= 0) return &requests[i];
    }
    return 0;
}

/* One message starting at p (its 4-byte size included), wholly or partly in the payload: its record. */
static int read_message(const wp_ctx *ctx, const uint8_t *p, size_t n, wp_info *info, wp_request *req,
                        wp_response *resp, char *type, char *resource) {
    in r = {p, n, 0, 0};
    be(&r, 4);
    if (ctx->direction == WP_REQUEST) {
        int api = (int16_t) be(&r, 2), version = (int16_t) be(&r, 2);
        int32_t correlation = (int32_t) be(&r, 4);
        skip_string(&r, 0);                                  /* client_id: never compact */
        if (flexible(api, version)) skip_tagged_fields(&r);
        if (r.bad) return 0;
        request_type(api, version, type, 64);
        resource[0] = 0;
        if (api == PRODUCE || api == FETCH) first_topic(&r, api, version, resource, 128);
        pending *slot = &requests[next_request++ % (sizeof requests / sizeof *requests)];
        slot->flow = ctx->flow_id;
        slot->correlation = correlation;
        slot->api = (int16_t) api;
        slot->version = (int16_t) version;
        req->type = type;
        req->resource = resource[0] ? resource : 0;
        req->version = 0;
        req->domain = 0;
        req->endpoint = 0;
        info->req = req;
        info->has_request_id = 1;
        info->request_id = (uint32_t) correlation;
        return 1;
    }
    int32_t correlation = (int32_t) be(&r, 4);
    if (r.bad) return 0;
    pending *request = find_request(ctx->flow_id, correlation);
    if (!request) return 0;                                  /* a response no request was seen for */
    if (flexible(request->api, request->version)) skip_tagged_fields(&r);
    if (request->api == METADATA && request->version >= 10) learn_from_metadata(&r, request->version);
    request_type(request->api, request->version, type, 64);
    request->api = -1;
    memset(resp, 0, sizeof *resp);
    resp->status = WP_STATUS_OK;
    resp->type = type;
    info->resp = resp;
    info->has_request_id = 1;
    info->request_id = (uint32_t) correlation;
    return 1;
}

int wp_on_parse_payload(const wp_ctx *ctx) {
    if (ctx->l7 != PROTOCOL) return WP_NEXT;
    size_t n;
    const uint8_t *p = wp_payload(&n);
    if (!p) return WP_NEXT;
    size_t at = 0;
    at = wp_continued(ctx, n); /* the rest of a message begun in an earlier payload */
    enum { MAX = 8 };
    static wp_info infos[MAX];
    static wp_request reqs[MAX];
    static wp_response resps[MAX];
    static char types[MAX][64], resources[MAX][128];
    size_t count = 0;
    while (at + 8 <= n && count < MAX) {
        uint32_t size = (uint32_t) p[at] << 24 | (uint32_t) p[at + 1] << 16 | (uint32_t) p[at + 2] << 8 | p[at + 3];
        if (size < 4 || size > (1u << 26)) break;            /* not at a message: wait for the next payload */
        memset(&infos[count], 0, sizeof infos[count]);
        infos[count].protocol_str = "Kafka";
        if (read_message(ctx, p + at, n - at, &infos[count], &reqs[count], &resps[count], types[count], resources[count])) {
            count++;
        }
        if (size + 4 > n - at) {                             /* it goes on in the next payloads */
            wp_continues(ctx, (uint32_t) (size + 4 - (n - at)));
            break;
        }
        at += size + 4;
    }
    if (count == 0) return WP_DONE;
    return wp_send_infos(infos, count) ? WP_DONE : WP_NEXT;
}

int main(void) { return 0; }
