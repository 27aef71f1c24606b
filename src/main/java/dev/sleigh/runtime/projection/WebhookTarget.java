package dev.sleigh.runtime.projection;

import dev.sleigh.domain.CanonicalJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JSON POST of {@code {"commission_id", "packet", "text"}} in canonical form, signed: {@code
 * X-Sleigh-Signature: sha256=<hex HMAC-SHA256 of the body under the secret>}.
 */
final class WebhookTarget implements PublishTarget {
  static final String SIGNATURE = "X-Sleigh-Signature";
  private final String name;
  private final URI url;
  private final HttpCalls http;

  WebhookTarget(String name, URI url, HttpCalls http) {
    this.name = name;
    this.url = url;
    this.http = http;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Attempt publish(String id, Map<String, Object> packet, String text, String secret)
      throws InterruptedException {
    Map<String, Object> body = new TreeMap<>();
    body.put("commission_id", id);
    body.put("packet", packet);
    body.put("text", text);
    byte[] bytes = CanonicalJson.write(body).getBytes(StandardCharsets.UTF_8);
    return switch (http.post(
        name,
        url,
        bytes,
        Map.of(SIGNATURE, "sha256=" + sign(secret, bytes), "X-Sleigh-Event", "projection"))) {
      case HttpCalls.Answer.Body b -> new Attempt.Sent("posted to " + url);
      case HttpCalls.Answer.Failed f -> f.refused();
    };
  }

  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
