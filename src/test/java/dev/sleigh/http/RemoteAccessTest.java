package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.testkit.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server open to remote clients, over TLS with a certificate made for the test: every request
 * needs the token, reads included, except the dashboard's page, script and style; with the token
 * everything answers as on loopback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteAccessTest {
  static final List<String> READS =
      List.of(
          "/api/v1/state",
          "/api/v1/commissions",
          "/api/v1/commissions?state=queued",
          "/api/v1/commissions/" + StoreStory.WAITING,
          "/api/v1/commissions/" + StoreStory.WAITING + "/events",
          "/api/v1/commissions/wc-nope",
          "/api/v1/nothing",
          "/metrics",
          "/nothing");

  @TempDir static Path tlsDir;
  static TestCertificate cert;

  @TempDir Path dir;
  ServedStore served;

  /** One certificate for the class: keytool is a JVM of its own, slow on a loaded machine. */
  @BeforeAll
  static void makeCertificate() throws Exception {
    cert = TestCertificate.generate(tlsDir);
  }

  @BeforeEach
  void serveRemotely() throws Exception {
    Transport tls = TlsIdentity.keystore(cert.keystore, cert.password.toCharArray());
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            true,
            new BearerToken(ServedStore.TOKEN, "test"),
            tls,
            ServedStore.LEASE_TTL);
    served =
        new ServedStore(
            dir,
            MutableClock.at("2026-03-01T10:00:00Z"),
            settings,
            HttpClient.newBuilder().sslContext(cert.trustingOnlyThis()));
    new StoreStory(served.store, served.testClock()).seed();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void everyReadWithoutTheTokenIsTold401AndNothingElse() {
    assertThat(served.server.url().getScheme()).isEqualTo("https");
    for (String path : READS) {
      HttpResponse<String> response = served.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .as(path)
          .hasValue("Bearer realm=\"sleigh\"");
      assertThat(response.body()).as(path).contains("every request needs its token");
      assertThat(served.get(path, "x".repeat(64)).statusCode())
          .as(path + " with a wrong token")
          .isEqualTo(401);
    }
    HttpResponse<String> head =
        served.send(HttpRequest.newBuilder(served.uri("/api/v1/state")).HEAD());
    assertThat(head.statusCode()).isEqualTo(401);
  }

  @Test
  void withTheTokenReadsAnswerAsOnLoopback() {
    assertThat(served.get("/api/v1/state", ServedStore.TOKEN).statusCode()).isEqualTo(200);
    HttpResponse<String> list = served.get("/api/v1/commissions", ServedStore.TOKEN);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(StoreStory.WAITING);
    assertThat(
            served
                .get("/api/v1/commissions/" + StoreStory.WAITING + "/events", ServedStore.TOKEN)
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> metrics = served.get("/metrics", ServedStore.TOKEN);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("sleigh_commissions");
    assertThat(served.get("/api/v1/commissions/wc-nope", ServedStore.TOKEN).statusCode())
        .isEqualTo(404);
  }

  @Test
  void theDashboardItselfLoadsWithoutTheTokenButHoldsNoData() {
    for (String path : List.of("/", "/dashboard.js", "/dashboard.css")) {
      HttpResponse<String> response = served.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).doesNotContain(StoreStory.WAITING);
    }
    assertThat(served.post("/", null, "").statusCode()).isEqualTo(405);
  }

  @Test
  void approveNeedsTheTokenAndWorksWithIt() {
    String approve = "/api/v1/commissions/" + StoreStory.WAITING + "/approve";
    assertThat(served.post(approve, null, "").statusCode()).isEqualTo(401);
    assertThat(served.post(approve, "y".repeat(64), "").statusCode()).isEqualTo(401);
    assertThat(state()).isEqualTo(CommissionState.WAITING_HUMAN);
    HttpResponse<String> approved = served.post(approve, ServedStore.TOKEN, "");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(state()).isNotEqualTo(CommissionState.WAITING_HUMAN);
  }

  private CommissionState state() {
    return served.store.find(StoreStory.WAITING).map(CommissionRecord::state).orElseThrow();
  }
}
