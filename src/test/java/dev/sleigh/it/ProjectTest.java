package dev.sleigh.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** A process-level test with its own project directory, closed (runners and agents ended) after. */
abstract class ProjectTest {
  @TempDir Path tmp;
  SleighProject project;

  @BeforeEach
  void project(TestInfo test) throws Exception {
    project =
        new SleighProject(
            tmp, getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void cleanUp() throws Exception {
    project.close();
  }
}
