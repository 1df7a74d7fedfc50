package io.wirespan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.wasm.Wat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The web UI in a real browser: Debian's chromium driven by Playwright, against a server on a
 * DuckDB store holding {@link UiSampleData}. Every count the UI shows is checked against what the
 * API answers for the same filter. Screenshots go to {@code target/screenshots/}.
 *
 * <p>Playwright's driver (the playwright-core package) comes from the {@code driver} jar, and runs
 * on the system's node (20 or newer); browsers are never downloaded. A missing chromium fails the
 * tests, loudly.
 */
class WebUiTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path NODE = Path.of("/usr/bin/node");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String ROWS = "#calls-table tbody tr.call-row";
    private static final String TOKEN = "ui-token";

    @TempDir
    static Path dir;
    private static DuckDbStore store;
    private static WirespanServer server;
    private static Http http;
    private static Playwright playwright;
    private static Browser browser;

    private BrowserContext context;
    private Page page;
    private final List<String> problems = new ArrayList<>();
    private final List<String> expectedProblems = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM).as("the browser tests need Debian's chromium (apt-get install chromium; .ci/run installs it)").isExecutable();
        assertThat(NODE).as("Playwright's driver runs on the system's node (apt-get install nodejs)").isExecutable();
        assertThat(nodeMajorVersion()).as("Playwright 1.62's driver needs Node 20 or newer at " + NODE).isGreaterThanOrEqualTo(20);
        store = DuckDbStore.open(dir.resolve("ui.duckdb"));
        store.append(UiSampleData.calls());
        server = WirespanServer.start(new ServerSettings(store, dir.resolve("journal"), new Registry(store), TOKEN, new QueryLimits(10_000, Duration.ofSeconds(10)),
                null, "127.0.0.1", 0));
        http = new Http(server.uri());
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_NODEJS_PATH", NODE.toString(),
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
        Files.createDirectories(SCREENSHOTS);
    }

    private static int nodeMajorVersion() throws Exception {
        Process node = new ProcessBuilder(NODE.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim(); // v20.20.2
        node.waitFor();
        return Integer.parseInt(version.replaceFirst("^v(\\d+)\\..*$", "$1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (server != null) server.close();
        if (store != null) store.close();
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000).setTimezoneId("Europe/Berlin")
                .setLocale("en-US"));
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") || message.type().equals("warning")) problems.add(message.type() + ": " + message.text());
        });
        page.onPageError(error -> problems.add("page error: " + error));
    }

    @AfterEach
    void closePage() {
        context.close();
        problems.removeIf(problem -> expectedProblems.stream().anyMatch(problem::contains));
        assertThat(problems).as("console errors (a CSP violation shows here too)").isEmpty();
    }

    @Test
    void everyPageLoads() {
        open("#/calls");
        assertThat(page.locator(ROWS).count()).isEqualTo(100);
        assertThat(page.locator(".tab.active").textContent()).isEqualTo("Calls");
        screenshot("calls");

        open("#/dashboard");
        assertThat(page.locator(".uplot").count()).isEqualTo(3);
        screenshot("dashboard");

        open("#/trace");
        assertThat(page.locator("#traces-table tbody tr.trace-row").count()).isGreaterThan(10);
        screenshot("traces");

        open("#/plugins");
        assertThat(page.locator("form.upload input[type=file]").count()).isEqualTo(1);
        assertThat(page.locator("#plugins-table .state.error").count()).isZero();
    }

    @Test
    void filtersChangeTheRowsAsTheApiDoes() throws Exception {
        open("#/calls");
        long all = apiTotal("");
        assertThat(shownTotal()).isEqualTo(all);

        act(() -> page.selectOption(".filter-protocol", "Redis"));
        assertThat(page.url()).contains("protocol=Redis");
        expectRows("protocol=Redis");

        act(() -> page.selectOption(".filter-status", "server_error"));
        expectRows("protocol=Redis&status=server_error");

        act(() -> page.selectOption(".filter-protocol", ""));
        expectRows("status=server_error");
        assertThat(page.locator(ROWS + " .col-status .pill").allTextContents()).allMatch(code -> code.startsWith("5")
                || code.equals("server error"));

        act(() -> page.selectOption(".filter-status", ""));
        act(() -> {
            page.fill(".filter-text", "ORDERS");
            page.press(".filter-text", "Enter");
        });
        expectRows("text=ORDERS");
        assertThat(shownTotal()).isLessThan(all);

        act(() -> {
            page.fill(".filter-text", "");
            page.press(".filter-text", "Enter");
        });
        act(() -> {
            page.fill(".filter-endpoint", "/api/users");
            page.press(".filter-endpoint", "Enter");
        });
        expectRows("endpoint=%2Fapi%2Fusers");
        act(() -> {
            page.fill(".filter-port", "8080");
            page.press(".filter-port", "Enter");
        });
        expectRows("endpoint=%2Fapi%2Fusers&port=8080");

        // the filters live in the URL: a reload (or a shared link) shows the same view
        String url = page.url();
        act(page::reload);
        assertThat(page.url()).isEqualTo(url);
        assertThat(page.inputValue(".filter-endpoint")).isEqualTo("/api/users");
        expectRows("endpoint=%2Fapi%2Fusers&port=8080");

        act(() -> page.click("text=Clear filters"));
        assertThat(shownTotal()).isEqualTo(all);

        // the last 15 minutes before the newest stored call
        act(() -> page.selectOption(".range-preset", "15m"));
        long newest = http.get("/v1/summary").json().get("to").asLong();
        expectRows("from=" + (newest + 1 - 15 * UiSampleData.MINUTE) + "&to=" + (newest + 1));
        assertThat(shownTotal()).isLessThan(all);

        // a custom range, typed in local time (Europe/Berlin is UTC+1 in November)
        page.selectOption(".range-preset", "custom"); // shows the fields; nothing changes until Apply
        page.fill(".range-from", "2025-11-13T03:30");
        page.fill(".range-to", "2025-11-13T03:40");
        act(() -> page.click(".range-custom button[type=submit]"));
        long from = UiSampleData.T0 + 1_000_000L * (16 * 60 + 40); // 02:30:00 UTC
        expectRows("from=" + from + "&to=" + (from + 10 * UiSampleData.MINUTE));
        assertThat(page.textContent(".range-shown")).startsWith("2025-11-13 03:30:00 → 03:40:00");

        act(() -> page.selectOption(".filter-protocol", "MySQL"));
        act(() -> {
            page.fill(".filter-text", "no such thing anywhere");
            page.press(".filter-text", "Enter");
        });
        assertThat(page.locator(ROWS).count()).isZero();
        assertThat(page.textContent("#calls-table tbody")).contains("No call logs match these filters.");
    }

    @Test
    void pagingWalksThroughTheCallLogs() throws Exception {
        open("#/calls?protocol=HTTP");
        long total = apiTotal("protocol=HTTP");
        assertThat(page.textContent(".result-count")).isEqualTo("1–100 of " + grouped(total) + " call logs");
        assertThat(page.isDisabled(".page-prev")).isTrue();

        act(() -> page.click(".page-next"));
        assertThat(page.url()).contains("offset=100");
        assertThat(page.textContent(".result-count")).startsWith("101–200 of");
        JsonNode second = http.get("/v1/calls?protocol=HTTP&offset=100").json().get("calls");
        assertThat(page.locator(ROWS).count()).isEqualTo(second.size());
        assertThat(page.locator(ROWS + " .col-resource").first().textContent()).isEqualTo(second.get(0).get("request_resource").asString());
        assertThat(page.locator(ROWS + " .col-resource").last().textContent())
                .isEqualTo(second.get(second.size() - 1).get("request_resource").asString());

        act(() -> page.selectOption(".page-size", "500"));
        assertThat(page.locator(ROWS).count()).isEqualTo((int) Math.min(500, total));
        assertThat(page.url()).doesNotContain("offset=");

        long lastPage = (total - 1) / 500 * 500;
        open("#/calls?protocol=HTTP&limit=500&offset=" + lastPage);
        assertThat(page.locator(ROWS).count()).isEqualTo((int) (total - lastPage));
        assertThat(page.isDisabled(".page-next")).isTrue();
        act(() -> page.click(".page-prev"));
        assertThat(page.textContent(".result-count")).startsWith(grouped(lastPage - 499) + "–");
    }

    @Test
    void theDetailPanelShowsEveryFieldAndTheAttributes() throws Exception {
        String text = "search?q=";
        open("#/calls?text=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        JsonNode call = http.get("/v1/calls?text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)).json().get("calls").get(0);
        assertThat(page.locator(ROWS).count()).isEqualTo(1);
        page.click(ROWS);
        Locator detail = page.locator("aside.detail");
        assertThat(detail.isVisible()).isTrue();

        List<String> fields = new ArrayList<>();
        call.properties().forEach(field -> {
            if (field.getKey().equals("attributes")) return;
            fields.add(field.getKey());
            String shown = detail.locator("dd[data-field=\"" + field.getKey() + "\"]").textContent();
            if (field.getValue().isString()) {
                assertThat(shown).as(field.getKey()).contains(field.getValue().asString());
            } else if (field.getKey().endsWith("_time")) {
                assertThat(shown).as(field.getKey()).contains(field.getValue().asString()); // the raw µs beside the local time
            } else if (field.getKey().equals("response_duration")) {
                assertThat(shown).as(field.getKey()).isEqualTo("800 µs");
            } else {
                assertThat(shown).as(field.getKey()).isEqualTo(field.getValue().asString());
            }
        });
        assertThat(fields).contains("start_time", "request_resource", "response_exception", "trace_id", "captured_response_byte");
        assertThat(detail.locator("dd[data-field]").count()).isEqualTo(fields.size());
        assertThat(detail.locator("dd[data-field=start_time]").textContent()).startsWith("2025-11-13 05:12:50.000000");

        List<String> names = detail.locator("table.attributes tbody tr td:first-child").allTextContents();
        List<String> values = detail.locator("table.attributes tbody tr td:last-child").allTextContents();
        List<String> expectedNames = new ArrayList<>();
        List<String> expectedValues = new ArrayList<>();
        call.get("attributes").properties().forEach(a -> {
            expectedNames.add(a.getKey());
            expectedValues.add(a.getValue().asString());
        });
        assertThat(expectedNames).hasSize(2);
        assertThat(names).isEqualTo(expectedNames);
        assertThat(values).isEqualTo(expectedValues);
        screenshot("call-detail");

        page.keyboard().press("Escape");
        assertThat(detail.isVisible()).isFalse();
    }

    @Test
    void theDashboardChartsTheChosenEndpoint() throws Exception {
        open("#/dashboard");
        JsonNode endpoints = http.get("/v1/endpoints").json();
        Locator rows = page.locator("#endpoints-table tbody tr.endpoint-row");
        assertThat(rows.count()).isEqualTo(endpoints.size());
        assertThat(page.textContent(".selection")).isEqualTo("All endpoints");
        assertThat(tile("Requests")).isEqualTo(grouped(apiTotal("")));

        act(() -> rows.filter(new Locator.FilterOptions().setHasText("/api/orders")).first().click());
        assertThat(page.url()).contains("endpoint=%2Fapi%2Forders");
        assertThat(page.textContent(".selection .chip")).contains("/api/orders");
        assertThat(page.locator("#endpoints-table tr.selected .endpoint-name").textContent()).isEqualTo("/api/orders");
        assertThat(page.getAttribute(".charts", "data-endpoint")).isEqualTo("/api/orders");
        JsonNode orders = http.get("/v1/endpoints?endpoint=%2Fapi%2Forders").json().get(0);
        assertThat(tile("Requests")).isEqualTo(grouped(orders.get("requests").asLong()));
        assertThat(tile("Server errors")).isEqualTo(grouped(orders.get("server_errors").asLong()));

        // the three charts are drawn: each plot has its canvas, and its series hold the API's points
        assertThat(page.locator(".uplot canvas").count()).isEqualTo(3);
        JsonNode red = http.get("/v1/red?endpoint=%2Fapi%2Forders").json();
        long requests = 0;
        for (JsonNode point : red.get("points")) requests += point.get("requests").asLong();
        assertThat(requests).isEqualTo(orders.get("requests").asLong());
        assertThat(page.textContent(".chart h3")).contains(red.get("step_seconds").asLong() + " s steps");
        screenshot("dashboard-endpoint");

        act(() -> page.selectOption(".range-preset", "1h"));
        assertThat(page.url()).contains("range=1h").contains("endpoint=%2Fapi%2Forders");
        act(() -> page.click(".chip-close"));
        assertThat(page.textContent(".selection")).isEqualTo("All endpoints");

        // from the dashboard to the endpoint's calls, with the range kept
        act(() -> rows.filter(new Locator.FilterOptions().setHasText("/api/users")).first().locator("a.chip-link").click());
        assertThat(page.url()).contains("#/calls").contains("range=1h").contains("endpoint=%2Fapi%2Fusers");
        assertThat(page.inputValue(".filter-endpoint")).isEqualTo("/api/users");
    }

    @Test
    void aTraceRendersAsAWaterfall() throws Exception {
        open("#/calls?text=" + UiSampleData.TRACE_ID);
        act(() -> page.locator(ROWS + " a.trace-link").first().click());
        assertThat(page.url()).endsWith("#/trace/" + UiSampleData.TRACE_ID);

        JsonNode spans = http.get("/v1/trace/" + UiSampleData.TRACE_ID).json().get("spans");
        Locator rows = page.locator("#waterfall .wf-row:not(.wf-header)");
        assertThat(rows.count()).isEqualTo(spans.size()).isEqualTo(8);
        List<String> depths = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            depths.add(rows.nth(i).getAttribute("data-depth"));
            expected.add(spans.get(i).get("depth").asString());
        }
        assertThat(depths).isEqualTo(expected).containsExactly("0", "1", "1", "2", "2", "2", "3", "2");

        // deeper spans are indented further, and each bar sits at its offset on the shared axis
        double rootIndent = box(rows.nth(0).locator(".proto")).x;
        double deepIndent = box(rows.nth(6).locator(".proto")).x;
        assertThat(deepIndent - rootIndent).isGreaterThanOrEqualTo(3 * 14);
        Bounds track = box(rows.nth(0).locator(".wf-track"));
        Bounds root = box(rows.nth(0).locator(".wf-bar"));
        assertThat(root.width).isCloseTo(track.width, Offset.offset(2.0));
        double total = spans.get(0).get("duration_micros").asDouble();
        for (int i = 1; i < spans.size(); i++) {
            Bounds bar = box(rows.nth(i).locator(".wf-bar"));
            double offset = spans.get(i).get("offset_micros").asDouble() / total * track.width;
            assertThat(bar.x - track.x).as("span %d", i).isCloseTo(offset, Offset.offset(2.0));
        }
        assertThat(rows.nth(1).locator(".tag").textContent()).isEqualToIgnoringCase("x-request-id");
        assertThat(page.textContent(".trace-facts")).contains("Spans8").contains("Depth4").contains("Errors1");

        rows.nth(6).click();
        assertThat(page.locator("aside.detail dd[data-field=request_resource]").textContent()).isEqualTo("/v1/score");
        screenshot("trace");

        act(() -> page.click("text=Recent traces"));
        assertThat(page.locator("#traces-table a").allTextContents()).contains(UiSampleData.TRACE_ID);
        act(() -> {
            page.fill(".trace-input", "no-such-trace");
            page.press(".trace-input", "Enter");
        });
        assertThat(page.textContent(".trace-content")).contains("No call logs carry this trace id.");
    }

    @Test
    void markupCapturedFromTrafficShowsAsText() throws Exception {
        open("#/calls");
        String table = page.textContent("#calls-table");
        assertThat(table).contains("/search?q=" + UiSampleData.SCRIPT, UiSampleData.IMG, UiSampleData.HOSTILE_ENDPOINT + "?x=1",
                UiSampleData.QUOTES_RESOURCE, UiSampleData.UNICODE_RESOURCE, UiSampleData.LONG_RESOURCE, "<i>evil</i>", "<marquee>");
        assertNothingRan();
        screenshot("hostile-calls");

        open("#/calls?text=" + URLEncoder.encode(UiSampleData.IMG, StandardCharsets.UTF_8));
        page.click(ROWS + " >> nth=0");
        assertThat(page.textContent("aside.detail")).contains(UiSampleData.IMG, UiSampleData.SCRIPT,
                "evil.wasm\"><script>window.__pwned=1</script>");
        assertNothingRan();

        open("#/calls?text=search%3Fq%3D");
        page.click(ROWS);
        assertThat(page.textContent("aside.detail table.attributes")).contains("<b onmouseover=window.__pwned=1>key</b>",
                "\"'><svg onload=window.__pwned=1>");
        assertNothingRan();
        page.locator("aside.detail table.attributes").scrollIntoViewIfNeeded();
        screenshot("hostile-detail");

        open("#/dashboard");
        act(() -> page.locator("#endpoints-table tr.endpoint-row").filter(new Locator.FilterOptions()
                .setHasText(UiSampleData.HOSTILE_ENDPOINT)).click());
        assertThat(page.textContent(".selection")).contains(UiSampleData.HOSTILE_ENDPOINT);
        assertThat(tile("Requests")).isEqualTo("1");
        assertNothingRan();
        screenshot("hostile-dashboard");

        open("#/trace/" + URLEncoder.encode(UiSampleData.HOSTILE_TRACE_ID, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(page.textContent(".trace-id")).isEqualTo(UiSampleData.HOSTILE_TRACE_ID);
        assertThat(page.locator("#waterfall .wf-row:not(.wf-header)").count()).isEqualTo(1);
        assertThat(page.textContent("#waterfall")).contains("/search?q=" + UiSampleData.SCRIPT);
        assertNothingRan();
        screenshot("hostile-trace");
    }

    @Test
    void thePluginsPageListsUploadsAndDeletes() throws Exception {
        byte[] image = Wat.compile(Wat.plugin(Wat.ABI_IMPORTS, ""));
        Path file = dir.resolve(UiSampleData.PLUGIN + ".wasm");
        Files.write(file, image);
        open("#/plugins");
        assertThat(page.textContent("#plugins-table tbody")).contains("No plugins are registered.");

        page.setInputFiles(".plugin-file", file);
        assertThat(page.inputValue(".plugin-name")).isEqualTo(UiSampleData.PLUGIN); // taken from the file's name
        page.fill(".plugin-token", "not-the-token");
        expectedProblems.add("status of 401"); // the browser logs the refused request
        page.click("form.upload button[type=submit]");
        assertThat(page.textContent(".notice .banner.error")).isEqualTo("Upload refused: the token is not valid");

        page.fill(".plugin-token", TOKEN);
        page.click("form.upload button[type=submit]");
        Locator row = page.locator(".plugin-row[data-name=\"" + UiSampleData.PLUGIN + "\"]");
        row.waitFor();
        assertThat(page.textContent(".notice .banner.ok")).isEqualTo("Uploaded " + UiSampleData.PLUGIN + ".");
        assertThat(page.evaluate("() => sessionStorage.getItem('wirespan.token')")).isEqualTo(TOKEN);

        JsonNode listed = http.get("/v1/plugins").json().get(0);
        List<String> cells = row.locator("td").allTextContents();
        assertThat(cells.subList(0, 6)).containsExactly(UiSampleData.PLUGIN, "wasm", image.length + " B",
                listed.get("sha256").asString().substring(0, 12) + "…", cells.get(4), String.valueOf(UiSampleData.PLUGIN_CALL_LOGS));
        assertThat(listed.get("call_logs").asLong()).isEqualTo(UiSampleData.PLUGIN_CALL_LOGS);
        assertThat(row.locator("td").nth(3).getAttribute("title")).isEqualTo(listed.get("sha256").asString());
        assertThat(cells.get(4)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        screenshot("plugins");

        row.locator("button.delete").click();
        assertThat(page.isVisible("dialog.confirm")).isTrue();
        assertThat(page.textContent("dialog.confirm")).contains("Delete " + UiSampleData.PLUGIN + "?");
        screenshot("plugins-delete");
        page.click("dialog.confirm button[value=cancel]");
        assertThat(page.isVisible("dialog.confirm")).isFalse();
        assertThat(row.count()).isEqualTo(1);
        assertThat(http.get("/v1/plugins").json()).hasSize(1);

        row.locator("button.delete").click();
        page.click("dialog.confirm .confirm-delete");
        row.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        assertThat(page.textContent(".notice .banner.ok")).isEqualTo("Deleted " + UiSampleData.PLUGIN + ".");
        assertThat(http.get("/v1/plugins").json()).isEmpty();
        assertThat(page.textContent("#plugins-table tbody")).contains("No plugins are registered.");
    }

    private void assertNothingRan() {
        assertThat(page.evaluate("() => window.__pwned")).as("a captured script ran").isNull();
        assertThat(page.evaluate("() => document.querySelectorAll('script').length")).as("only the app's own scripts").isEqualTo(2);
        assertThat(page.evaluate("() => document.querySelectorAll('img[src=x], svg[onload], [onerror], [onmouseover], marquee, i').length"))
                .as("no element made from captured markup").isEqualTo(0);
    }

    // --- helpers

    /** Loads the app afresh at a route and waits for the view to draw. */
    private void open(String route) {
        page.navigate("about:blank"); // a new document each time: a change of hash alone would not reload
        page.navigate(server.uri().resolve("/" + route).toString());
        page.waitForFunction("() => document.getElementById('view').dataset.state !== 'loading'");
        assertThat(page.getAttribute("#view", "data-state")).isEqualTo("ready");
    }

    /** Runs an action that changes the route and waits until the view has drawn the answer. */
    private void act(Runnable action) {
        String before = page.getAttribute("#view", "data-renders");
        action.run();
        page.waitForFunction("n => { const v = document.getElementById('view'); return v.dataset.state !== 'loading' && v.dataset.renders !== n; }",
                before);
    }

    private void expectRows(String query) throws Exception {
        long total = apiTotal(query);
        assertThat(shownTotal()).as(query).isEqualTo(total);
        assertThat(page.locator(ROWS).count()).as(query).isEqualTo((int) Math.min(total, 100));
    }

    private long apiTotal(String query) throws Exception {
        return http.get("/v1/calls?" + query).json().get("total").asLong();
    }

    private long shownTotal() {
        return Long.parseLong(page.textContent(".result-count .total").replace(",", ""));
    }

    private String tile(String label) {
        return page.textContent(".tile[data-tile=\"" + label + "\"] .tile-value");
    }

    private static String grouped(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    private record Bounds(double x, double width) {}

    private static Bounds box(Locator locator) {
        var box = locator.boundingBox();
        return new Bounds(box.x, box.width);
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
