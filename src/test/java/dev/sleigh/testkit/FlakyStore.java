package dev.sleigh.testkit;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Decisions;
import dev.sleigh.store.Runners;
import dev.sleigh.store.StoreException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real store that a test can take away and give back: while it is down, every call, including
 * those through {@code runners()} and {@code decisions()}, fails with {@code store_unavailable} as
 * a lost database connection would, and nothing reaches the real store. Like the real store, {@code
 * execute} and {@code intake} answer with a retryable refusal instead of throwing.
 */
public final class FlakyStore {
  /** The calls the real store answers with a refusal when the database fails retryably. */
  private static final Set<String> REFUSING = Set.of("execute", "intake");

  private final CommissionStore real;
  private final AtomicBoolean down = new AtomicBoolean();
  private final CommissionStore store;

  public FlakyStore(CommissionStore real) {
    this.real = real;
    this.store = proxy(CommissionStore.class, real);
  }

  /** The store as the runner sees it. */
  public CommissionStore store() {
    return store;
  }

  /** The real store, reachable whatever the test did, to look at what was written. */
  public CommissionStore real() {
    return real;
  }

  public void down() {
    down.set(true);
  }

  public void up() {
    down.set(false);
  }

  @SuppressWarnings("unchecked")
  private <T> T proxy(Class<T> type, T target) {
    InvocationHandler handler =
        (self, method, args) -> {
          if (method.getName().equals("close")) {
            return method.invoke(target, args);
          }
          if (down.get()) {
            StoreError lost =
                StoreError.of(
                    ErrorCode.STORE_UNAVAILABLE, "the store cannot be reached: test outage");
            if (REFUSING.contains(method.getName())
                && method.getReturnType() == CommandResult.class) {
              return new CommandResult.Refused(lost);
            }
            throw new StoreException(lost);
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          Class<?> returned = method.getReturnType();
          if (returned == Runners.class || returned == Decisions.class) {
            return proxy((Class<Object>) returned, result);
          }
          return result;
        };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
