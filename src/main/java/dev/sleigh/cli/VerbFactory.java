package dev.sleigh.cli;

import dev.sleigh.cli.common.CliEnvironment;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates commands that take the {@link CliEnvironment}; everything else the default way. */
final class VerbFactory implements CommandLine.IFactory {
  private final CliEnvironment env;

  VerbFactory(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliEnvironment.class) {
        // The verbs live in packages of their own and keep their constructors to themselves.
        c.setAccessible(true);
        return type.cast(c.newInstance(env));
      }
    }
    return CommandLine.defaultFactory().create(type);
  }
}
