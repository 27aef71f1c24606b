package dev.sleigh.http;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.StoreException;
import java.util.List;

/**
 * One page of a list endpoint: {@code limit} items starting at {@code start} (an offset into the
 * commissions, or the event sequence number to list after). A missing parameter takes its default;
 * a value that is not a whole number in range is refused with 400 naming the parameter.
 */
record Paging(long start, int limit) {
  /** {@code GET /api/v1/commissions}: {@code ?offset=} from 0, {@code ?limit=} 1 to 1000. */
  static final Rule COMMISSIONS = new Rule("offset", Integer.MAX_VALUE, 100, 1000);

  /** {@code GET /api/v1/commissions/ID/events}: {@code ?after=} a sequence number. */
  static final Rule EVENTS = new Rule("after", Long.MAX_VALUE, 1000, 1000);

  /**
   * How one endpoint pages: the name of its start parameter and its largest value, the default and
   * the largest limit.
   */
  record Rule(String startName, long maxStart, int defaultLimit, int maxLimit) {
    Paging read(String rawQuery) {
      long start = number(rawQuery, startName, 0, maxStart, 0);
      int limit = (int) number(rawQuery, "limit", 1, maxLimit, defaultLimit);
      return new Paging(start, limit);
    }
  }

  /** The items of {@code all} this page covers, when {@code start} is an offset. */
  <T> List<T> slice(List<T> all) {
    int from = (int) Math.min(start, all.size());
    return all.subList(from, (int) Math.min((long) from + limit, all.size()));
  }

  /** The offset of the page after this one, or null when {@code total} items end here. */
  Integer nextOffset(int total) {
    return start + limit < total ? (int) (start + limit) : null;
  }

  private static long number(String rawQuery, String name, long min, long max, long fallback) {
    String value = Requests.queryValue(rawQuery, name);
    if (value == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below, naming the parameter and the range
    }
    String range = max >= Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
    throw new StoreException(
        StoreError.of(
            ErrorCode.INVALID, name + ": '" + value + "' is not a whole number " + range));
  }
}
