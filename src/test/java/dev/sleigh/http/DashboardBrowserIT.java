package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.testkit.MutableClock;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium: it shows the seeded store, draws the phase timeline,
 * keeps cancelled work out of "in flight", and an Approve click with the token typed into the page
 * moves a commission out of {@code waiting_human}; a commission's drawer shows its attempts with
 * their reasons, its events and its spec, and requeues it with the same token. Leaves a screenshot
 * in docs/. Served over TLS to remote clients, it shows nothing until the token is typed in once,
 * and then all of it.
 */
class DashboardBrowserIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String WAITING_ROW = "#approvals tr[data-id='" + StoreStory.WAITING + "']";

  @TempDir Path dir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theDashboardShowsTheStoreDrawsTheTimelineApprovesAndRequeuesWithTheToken() throws Exception {
    Optional<Path> chromium = HeadlessChromium.find();
    assumeTrue(
        chromium.isPresent(),
        "SKIPPED: no chromium on this machine;"
            + " scripts/install-browser installs Debian's chromium and chromium-driver");
    try (ServedStore served = new ServedStore(Files.createDirectories(dir.resolve("store")));
        HeadlessChromium browser =
            HeadlessChromium.launch(
                chromium.get(), Files.createDirectories(dir.resolve("browser")));
        DevTools page = DevTools.open(browser.devtools())) {
      new StoreStory(served.store, served.testClock()).seed().cancelBoth(served);
      page.page(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 1280, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
      page.page("Page.navigate", Map.of("url", served.server.url().toString()));
      waitFor(page, "Number(document.body && document.body.dataset.refreshes || 0) >= 1");

      assertThat(
              strings(
                  page,
                  "[...document.querySelectorAll('#commissions tbody tr[data-id]')]"
                      + ".map(r => r.dataset.id + ' ' + r.dataset.state)"))
          .containsExactlyInAnyOrderElementsOf(storeStates(served));
      assertThat(
              strings(
                  page,
                  "[...document.querySelectorAll('#in-flight tbody tr[data-id]')].map(r => r.dataset.id)"))
          .containsExactlyInAnyOrder("wc-flaky")
          .doesNotContain(StoreStory.CANCELLED_LIVE, StoreStory.CANCELLED_DEAD);
      assertThat(
              page.evaluate(
                      "document.querySelector(\"#counts [data-state='cancelled'] b\").textContent")
                  .asText())
          .isEqualTo("2");
      assertThat(
              page.evaluate(
                      "document.querySelector(\"#runners tr[data-runner='runner-gone'] .status\").textContent")
                  .asText())
          .isEqualTo("stale");

      assertThat(
              page.evaluate("document.querySelectorAll('#timeline svg g.timeline-row').length")
                  .asInt())
          .isEqualTo(8);
      assertThat(
              page.evaluate("document.querySelectorAll('#timeline svg rect.bar').length").asInt())
          .isGreaterThan(20);
      assertThat(
              strings(
                  page,
                  "[...new Set([...document.querySelectorAll('#timeline svg rect.bar')]"
                      + ".map(r => r.dataset.outcome))]"))
          .contains("passed", "failed", "running", "interrupted", "waiting");
      assertThat(
              page.evaluate(
                      "document.querySelector('#timeline svg').getBoundingClientRect().height")
                  .asDouble())
          .isGreaterThan(100);

      assertThat(
              strings(
                  page,
                  "[...document.querySelectorAll('#agent-approvals tbody tr[data-id]')]"
                      + ".map(r => r.dataset.id + ' ' + r.dataset.decision + ' '"
                      + " + r.cells[3].textContent)"))
          .containsExactly("wc-login declined curl https://example.org/install.sh");

      assertThat(page.evaluate("document.getElementById('page-range').textContent").asText())
          .isEqualTo("1–8 of 8");

      screenshot(page);
      approveThroughThePage(page, served);
      requeueThroughTheDrawer(page, served);
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void overTlsOnARemoteServerTheDashboardAsksForTheTokenOnceAndThenWorks() throws Exception {
    Optional<Path> chromium = HeadlessChromium.find();
    assumeTrue(
        chromium.isPresent(),
        "SKIPPED: no chromium on this machine;"
            + " scripts/install-browser installs Debian's chromium and chromium-driver");
    TestCertificate cert = TestCertificate.generate(dir.resolve("tls"));
    ServerSettings remote =
        new ServerSettings(
            "127.0.0.1",
            0,
            true,
            new BearerToken(ServedStore.TOKEN, "test"),
            TlsIdentity.keystore(cert.keystore, cert.password.toCharArray()),
            ServedStore.LEASE_TTL);
    try (ServedStore served =
            new ServedStore(
                Files.createDirectories(dir.resolve("store")),
                MutableClock.at("2026-03-01T10:00:00Z"),
                remote,
                HttpClient.newBuilder().sslContext(cert.trustingOnlyThis()));
        HeadlessChromium browser =
            HeadlessChromium.launch(
                chromium.get(),
                Files.createDirectories(dir.resolve("browser")),
                List.of("--ignore-certificate-errors-spki-list=" + cert.publicKeyPin()));
        DevTools page = DevTools.open(browser.devtools())) {
      new StoreStory(served.store, served.testClock()).seed();
      assertThat(served.server.url().getScheme()).isEqualTo("https");
      page.page("Page.navigate", Map.of("url", served.server.url().toString()));
      waitFor(
          page,
          "document.getElementById('message').textContent.includes('needs its token for every"
              + " request')");
      assertThat(page.evaluate("document.querySelectorAll('tr[data-id]').length").asInt())
          .as("nothing from the store without the token")
          .isZero();

      click(page, "#token");
      page.page("Input.insertText", Map.of("text", ServedStore.TOKEN));
      waitFor(page, "Number(document.body.dataset.refreshes || 0) >= 1");
      waitFor(page, "document.getElementById('message').hidden");
      assertThat(
              strings(
                  page,
                  "[...document.querySelectorAll('#commissions tbody tr[data-id]')]"
                      + ".map(r => r.dataset.id + ' ' + r.dataset.state)"))
          .containsExactlyInAnyOrderElementsOf(storeStates(served));
      assertThat(
              page.evaluate("document.querySelectorAll('#timeline svg rect.bar').length").asInt())
          .as("the events of each commission were read with the token too")
          .isGreaterThan(10);

      click(page, WAITING_ROW + " button.approve");
      waitFor(page, "document.getElementById('message').classList.contains('ok')");
      assertThat(state(served, StoreStory.WAITING)).isEqualTo(CommissionState.RUNNING);
    }
  }

  private void approveThroughThePage(DevTools page, ServedStore served) throws Exception {
    click(page, WAITING_ROW + " button.approve");
    waitFor(page, "document.getElementById('message').textContent.includes('Token field')");
    click(page, "#token");
    page.page("Input.insertText", Map.of("text", "not-the-token"));
    click(page, WAITING_ROW + " button.approve");
    waitFor(page, "document.getElementById('message').textContent.includes('HTTP 401')");
    assertThat(state(served, StoreStory.WAITING)).isEqualTo(CommissionState.WAITING_HUMAN);

    page.evaluate("document.getElementById('token').value = ''");
    click(page, "#token");
    page.page("Input.insertText", Map.of("text", ServedStore.TOKEN));
    click(page, WAITING_ROW + " button.approve");
    waitFor(page, "document.getElementById('message').classList.contains('ok')");
    assertThat(state(served, StoreStory.WAITING))
        .isNotEqualTo(CommissionState.WAITING_HUMAN)
        .isEqualTo(CommissionState.RUNNING);
    waitFor(page, "!document.querySelector(\"" + WAITING_ROW + "\")");
    waitFor(
        page,
        "document.querySelector(\"#commissions tr[data-id='"
            + StoreStory.WAITING
            + "']\").dataset.state"
            + " === 'running'");
  }

  /** Opens the drawer of the commission that failed on scope and requeues it from there. */
  private void requeueThroughTheDrawer(DevTools page, ServedStore served) throws Exception {
    click(page, "#commissions tr[data-id='wc-scope'] button.open");
    waitFor(
        page,
        "document.getElementById('drawer').dataset.id === 'wc-scope'"
            + " && document.getElementById('drawer').dataset.loaded === 'true'");
    assertThat(page.evaluate("document.getElementById('drawer').hidden").asBoolean()).isFalse();
    assertThat(
            strings(
                page,
                "[...document.querySelectorAll('#drawer-attempts tbody tr[data-phase]')]"
                    + ".map(r => r.cells[0].textContent + ' ' + r.dataset.outcome"
                    + " + ' ' + r.cells[3].textContent)"))
        .contains("execute #1 failed scope_violation: README.md");
    assertThat(
            page.evaluate("document.querySelectorAll('#drawer-events tbody tr[data-seq]').length")
                .asInt())
        .isEqualTo(served.store.events("wc-scope", 0).size());
    assertThat(page.evaluate("document.getElementById('drawer-spec').textContent").asText())
        .contains("Touch only src/auth");

    click(page, "#drawer button.requeue");
    waitFor(page, "document.getElementById('message').textContent.includes('needs a reason')");
    assertThat(state(served, "wc-scope")).isEqualTo(CommissionState.FAILED);

    click(page, "#drawer-reason");
    page.page("Input.insertText", Map.of("text", "the scope was widened"));
    click(page, "#drawer button.requeue");
    waitFor(page, "document.getElementById('message').textContent.startsWith('requeued wc-scope')");
    assertThat(state(served, "wc-scope")).isEqualTo(CommissionState.QUEUED);
    assertThat(served.store.find("wc-scope").orElseThrow().generation()).isEqualTo(2);
    waitFor(page, "document.getElementById('drawer').dataset.state === 'queued'");
    waitFor(
        page,
        "document.querySelector(\"#commissions tr[data-id='wc-scope']\").dataset.state"
            + " === 'queued'");
  }

  private static CommissionState state(ServedStore served, String id) {
    return served.store.find(id).map(CommissionRecord::state).orElseThrow();
  }

  private static List<String> storeStates(ServedStore served) {
    return served.store.list(Optional.empty()).stream()
        .map(r -> r.id() + " " + r.state().wire())
        .toList();
  }

  private static List<String> strings(DevTools page, String expression) {
    List<String> out = new ArrayList<>();
    page.evaluate(expression).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Waits, inside the page and with a deadline, until {@code condition} holds. */
  private static void waitFor(DevTools page, String condition) throws JsonProcessingException {
    page.evaluate(
        """
        new Promise((resolve, reject) => {
          const deadline = Date.now() + 20000;
          const poll = () => {
            let ok = false;
            try { ok = !!(%s); } catch (e) { ok = false; }
            if (ok) resolve(true);
            else if (Date.now() > deadline) reject(new Error('timed out waiting for ' + %s));
            else setTimeout(poll, 50);
          };
          poll();
        })"""
            .formatted(condition, JSON.writeValueAsString(condition)));
  }

  /** A real mouse click in the middle of the element {@code selector} finds. */
  private static void click(DevTools page, String selector) throws JsonProcessingException {
    JsonNode at =
        page.evaluate(
            """
        (() => {
          const e = document.querySelector(%s);
          if (!e) throw new Error('nothing matches ' + %s);
          e.scrollIntoView({block: 'center'});
          const r = e.getBoundingClientRect();
          return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        })()"""
                .formatted(JSON.writeValueAsString(selector), JSON.writeValueAsString(selector)));
    for (String type : new String[] {"mousePressed", "mouseReleased"}) {
      page.page(
          "Input.dispatchMouseEvent",
          Map.of(
              "type",
              type,
              "x",
              at.path("x").asDouble(),
              "y",
              at.path("y").asDouble(),
              "button",
              "left",
              "clickCount",
              1));
    }
  }

  /** The whole page as docs/dashboard.png, for the README. */
  private static void screenshot(DevTools page) throws Exception {
    int height = page.evaluate("document.documentElement.scrollHeight").asInt();
    page.page(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", height, "deviceScaleFactor", 1, "mobile", false));
    String png = page.page("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
    Path file =
        Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("docs/dashboard.png");
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(png));
    page.page(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
  }
}
