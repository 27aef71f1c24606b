package dev.sleigh.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.testkit.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void aCommissionReadsBackFromItsStoredCanonicalFormWithItsAutonomy() {
    for (boolean pass : new boolean[] {false, true}) {
      Commission c =
          Fixtures.withAutonomy(
              Fixtures.commission("wc-a"),
              new Commission.Autonomy(
                  4, 9_000, Duration.ofMinutes(30), Commission.OneWayDoor.ALLOW, pass));

      Commission back = Json.commission(Json.read(Json.write(c.canonical())));

      assertThat(back).isEqualTo(c);
      assertThat(back.snapshotHash()).isEqualTo(c.snapshotHash());
    }
  }
}
