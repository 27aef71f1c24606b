package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void diffShowsTheChangeIncludingANewUntrackedFile() throws Exception {
    DeliveryProject p =
        new DeliveryProject(
                dir,
                "echo more >> src/app.txt\necho hello > src/new.txt\nprintf '\\000\\001\\377' > src/blob.bin")
            .commission("wc-a", "");
    p.drain();
    String statusBefore = p.git(p.workspace("wc-a"), "status", "--porcelain");

    var diff = p.cli.run("diff", "wc-a");

    assertThat(diff.exit()).as(diff.err()).isZero();
    assertThat(diff.out())
        .contains(
            "diff --git a/src/app.txt b/src/app.txt",
            "+more",
            "diff --git a/src/new.txt b/src/new.txt",
            "new file mode",
            "+hello",
            "diff --git a/src/blob.bin b/src/blob.bin",
            "GIT binary patch");
    assertThat(p.git(p.workspace("wc-a"), "status", "--porcelain"))
        .isEqualTo(statusBefore)
        .contains("?? src/new.txt");

    JsonNode json = p.cli.run("diff", "wc-a", "--json").json();
    assertThat(json.path("commission_id").asText()).isEqualTo("wc-a");
    assertThat(json.path("base_commit").asText())
        .isEqualTo(p.git(p.repo, "rev-parse", "main").strip());
    assertThat(json.path("diff").asText()).isEqualTo(diff.out());
  }

  @Test
  void diffOfACommissionWithoutAWorkspaceOrOfAnUnknownOneExitsThree() throws Exception {
    DeliveryProject p = new DeliveryProject(dir, "true").commission("wc-a", "");
    var noWorkspace = p.cli.run("diff", "wc-a");
    assertThat(noWorkspace.exit()).isEqualTo(3);
    assertThat(noWorkspace.err()).contains("has no checkpoint in the store and no workspace");
    assertThat(p.cli.run("diff", "wc-nope").exit()).isEqualTo(3);
  }
}
