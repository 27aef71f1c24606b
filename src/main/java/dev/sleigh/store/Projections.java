package dev.sleigh.store;

import dev.sleigh.domain.CommissionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The projections of completed commissions: which still have to reach their targets, when runners
 * try again and what went wrong last. The rows follow the {@code completed}, {@code
 * projection_failed} and {@code projection_published} events in their transactions; the only other
 * writes are a runner taking a due row and an operator's retry.
 */
public interface Projections {

  /**
   * Takes up to {@code limit} rows that are due at the store's time for this runner: each one's
   * {@code projection_retry_at} moves {@code hold} ahead, so no other runner publishes it meanwhile
   * and a runner that dies with it leaves it due again after {@code hold}.
   */
  List<Projection> take(int limit, Duration hold);

  /** Every projection, unpublished ones first, then by commission id. */
  List<Projection> list();

  Optional<Projection> find(String commissionId);

  /**
   * An operator's retry: an unpublished projection (a final error included) is due now. False when
   * there is none, or it is published already.
   */
  boolean retry(String commissionId);

  /** Where a projection stands. */
  enum Status {
    /** Runners publish it once {@code projection_retry_at} has passed. */
    PENDING,
    /** Every target has it. */
    PUBLISHED,
    /** A target refused it for good (401, 403, 404): only an operator's retry tries again. */
    FINAL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One commission's projection. {@code published} names the targets that have it already, so a
   * retry goes only to the others; {@code state} is the commission's.
   */
  record Projection(
      String commissionId,
      CommissionState state,
      String policy,
      Status status,
      List<String> published,
      int attempts,
      Instant retryAt,
      String lastError,
      Instant updatedAt) {
    public Projection {
      Objects.requireNonNull(commissionId, "commissionId");
      Objects.requireNonNull(status, "status");
      published = List.copyOf(published);
    }

    /** A debt: the commission waits for this publication to be {@code completed}. */
    public boolean debt() {
      return state == CommissionState.COMPLETED_WITH_PROJECTION_DEBT;
    }
  }
}
