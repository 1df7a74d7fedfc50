package io.wirespan.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void writesFamiliesAndSamplesWithEscapedLabelValues() {
        PrometheusText out = new PrometheusText();
        out.family("calls_total", "counter", "Calls.")
                .sample("calls_total", PrometheusText.labels("endpoint", "/a \"b\"\n\\c", "port", 80), 7)
                .sample("calls_total", "", 0.0123456789);
        out.single("queue", "gauge", "Queued.", -1);

        assertThat(out.toString()).isEqualTo("""
                # HELP calls_total Calls.
                # TYPE calls_total counter
                calls_total{endpoint="/a \\"b\\"\\n\\\\c",port="80"} 7
                calls_total 0.012346
                # HELP queue Queued.
                # TYPE queue gauge
                queue -1
                """);
        assertThat(PrometheusText.escape(null)).isEmpty();
    }
}
