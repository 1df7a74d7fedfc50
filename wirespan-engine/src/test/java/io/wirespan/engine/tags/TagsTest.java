package io.wirespan.engine.tags;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.config.ConfigKeys.EndpointRule;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagsTest {
    private final TraceHeaders defaults = new TraceHeaders(List.of("traceparent", "sw8"), List.of("traceparent", "sw8"),
            List.of("X_Request_ID"), List.of("X_Forwarded_For"));

    @Test
    void readsW3cTraceparent() {
        HeaderTags tags = defaults.newMessage();
        tags.header("TraceParent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(tags.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(tags.spanId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void decodesSkyWalkingSw8AsDeepFlowDoes() {
        String trace = "6d4ae9e1fb8a4399aba252d65b5a83c9.76.17016891360410347";
        String segment = "6d4ae9e1fb8a4399aba252d65b5a83c9.76.17016891360410346";
        HeaderTags tags = defaults.newMessage();
        tags.header("sw8", "1-" + b64(trace) + "-" + b64(segment) + "-6-" + b64("svc") + "-" + b64("inst") + "-" + b64("/x") + "-" + b64("h:1"));
        assertThat(tags.traceId()).isEqualTo(trace);
        assertThat(tags.spanId()).isEqualTo(segment + "-6");
    }

    @Test
    void theFirstConfiguredTypeWinsWhicheverHeaderComesFirst() {
        HeaderTags tags = defaults.newMessage();
        tags.header("sw8", "1-" + b64("sky") + "-" + b64("seg") + "-1-a-b-c-d");
        tags.header("traceparent", "00-w3ctrace-w3cspan-01");
        assertThat(tags.traceId()).isEqualTo("w3ctrace");
        assertThat(tags.spanId()).isEqualTo("w3cspan");
    }

    @Test
    void unconfiguredTypesAreIgnoredAndCustomHeadersGiveTheirValue() {
        TraceHeaders onlyCustom = new TraceHeaders(List.of("X-Trace"), List.of("X-Span"), List.of(), List.of());
        HeaderTags tags = onlyCustom.newMessage();
        tags.header("traceparent", "00-a-b-01");
        tags.header("x-trace", " abc ");
        tags.header("X_Span", "def");
        assertThat(tags.traceId()).isEqualTo("abc");
        assertThat(tags.spanId()).isEqualTo("def");
    }

    @Test
    void readsJaegerAndZipkinHeaders() {
        TraceHeaders rules = new TraceHeaders(List.of("uber-trace-id", "b3"), List.of("uber-trace-id", "b3"), List.of(), List.of());
        HeaderTags jaeger = rules.newMessage();
        jaeger.header("uber-trace-id", "abc:def:123:1");
        assertThat(List.of(jaeger.traceId(), jaeger.spanId(), jaeger.parentSpanId())).containsExactly("abc", "def", "123");
        HeaderTags zipkin = rules.newMessage();
        zipkin.header("X-B3-TraceId", "t1");
        zipkin.header("X-B3-SpanId", "s1");
        zipkin.header("X-B3-ParentSpanId", "p1");
        assertThat(List.of(zipkin.traceId(), zipkin.spanId(), zipkin.parentSpanId())).containsExactly("t1", "s1", "p1");
    }

    @Test
    void requestIdAndRealClientMatchWithDashOrUnderscoreInAnyCase() {
        HeaderTags tags = defaults.newMessage();
        tags.header("x-request-id", "6f1c2d");
        tags.header("X-Forwarded-For", "10.90.14.76,10.158.233.64");
        assertThat(tags.requestId()).isEqualTo("6f1c2d");
        assertThat(tags.realClient()).isEqualTo("10.90.14.76,10.158.233.64");
    }

    @Test
    void endpointKeepsTheFirstTwoSegmentsOfThePath() {
        HttpEndpoints endpoints = HttpEndpoints.defaults();
        assertThat(endpoints.of("/biz-inquiry-bff/bff/v1/common/check?channel=web")).isEqualTo("/biz-inquiry-bff/bff");
        assertThat(endpoints.of("/query?1590632942")).isEqualTo("/query");
        assertThat(endpoints.of("/")).isEqualTo("/");
        assertThat(endpoints.of("http://example.com/a/b/c")).isEqualTo("/a/b");
        assertThat(endpoints.of("*")).isEqualTo("*");
    }

    @Test
    void theLongestMatchingRuleDecidesTheSegments() {
        HttpEndpoints endpoints = new HttpEndpoints(false, List.of(new EndpointRule("", 1), new EndpointRule("/api/v2", 3)));
        assertThat(endpoints.of("/api/v2/users/42/orders")).isEqualTo("/api/v2/users");
        assertThat(endpoints.of("/static/css/site.css")).isEqualTo("/static");
        assertThat(new HttpEndpoints(true, List.of()).of("/a/b")).isNull();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
