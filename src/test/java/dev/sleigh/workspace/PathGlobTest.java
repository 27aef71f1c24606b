package dev.sleigh.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "src/**, src/a.txt, true",
    "src/**, src/a/b/c.txt, true",
    "src/**, src, true",
    "src/**, srcx/a.txt, false",
    "src/*, src/a.txt, true",
    "src/*, src/a/b.txt, false",
    "src/*.java, src/Main.java, true",
    "src/*.java, src/Main.kt, false",
    "**/secrets/**, a/b/secrets/key, true",
    "**/secrets/**, secrets/key, true",
    "README.md, README.md, true",
    "README.md, docs/README.md, false",
    "**, anything/at/all, true"
  })
  void globsFollowTheScopeRules(String glob, String path, boolean expected) {
    assertThat(new PathGlob(glob).matches(path)).isEqualTo(expected);
  }
}
