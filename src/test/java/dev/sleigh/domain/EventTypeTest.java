package dev.sleigh.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventTypeTest {
  private static Set<EventType> where(Predicate<EventType> test) {
    return Arrays.stream(EventType.values())
        .filter(test)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventType.class)));
  }

  @Test
  void theRunEndsWhenItsLeaseIsGivenUpOrTheCommissionMovesOnWithoutIt() {
    assertThat(where(EventType::endsRun))
        .containsExactlyInAnyOrder(
            EventType.RELEASED,
            EventType.WAITING_HUMAN,
            EventType.COMPLETED,
            EventType.BLOCKED,
            EventType.FAILED,
            EventType.CANCELLED,
            EventType.REQUEUED,
            EventType.LEASE_EXPIRED,
            EventType.EXPIRED);
  }

  @Test
  void aCommissionIsSettledByItsEndingsAndEveryEndingButARejectionAlsoEndsARun() {
    Set<EventType> endings = where(EventType::endsCommission);

    assertThat(endings)
        .containsExactlyInAnyOrder(
            EventType.COMPLETED,
            EventType.FAILED,
            EventType.BLOCKED,
            EventType.REJECTED,
            EventType.CANCELLED,
            EventType.EXPIRED);
    // A rejection answers a human gate, which no run holds a lease through.
    assertThat(where(t -> t.endsCommission() && !t.endsRun())).containsExactly(EventType.REJECTED);
  }
}
