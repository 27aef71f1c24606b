package dev.sleigh.it;

import java.nio.file.Path;

/**
 * One program, {@code forker.sh PLACE}, behind a project's agent, its {@code after_create} and
 * {@code before_run} hooks and its evidence commands. Each commission has a plan file naming where
 * its forker runs, whether it prints, and whether it ignores SIGTERM; in that place, the first time
 * only, the program tells the beacon {@code forking <commission> <place> <run id> <pid>} and then
 * forks children forever, every other one escaping the tree into a session of its own. Everywhere
 * else, and in any later run, it does the place's plain work at once (the agent changes a file), so
 * a commission taken over after its forker was ended can finish.
 */
final class Forkers {
  /** Where a forker runs. */
  enum Place {
    AGENT("agent"),
    EVIDENCE("evidence"),
    AFTER_CREATE("after_create"),
    BEFORE_RUN("before_run");

    final String wire;

    Place(String wire) {
      this.wire = wire;
    }
  }

  /** What one commission's forker does: where it runs, whether it prints, whether it hears TERM. */
  record Plan(Place place, boolean silent, boolean deaf) {
    String line() {
      return place.wire + " " + (silent ? "silent" : "prints") + " " + (deaf ? "deaf" : "hears");
    }
  }

  private final SleighProject project;

  Forkers(SleighProject project) {
    this.project = project;
    Path script =
        project.write(
            "forker.sh",
            """
            #!/bin/bash
            set -u
            dir='%s'
            place=$1
            id=$SLEIGH_COMMISSION_ID
            read -r where output ears < "$dir/plans/$id"
            if [[ $where == "$place" ]] && mkdir "$dir/plans/$id.forked" 2>/dev/null; then
              if [[ $ears == deaf ]]; then trap '' TERM; fi
              echo "forking $id $place $SLEIGH_RUN_ID $$" > "$dir/beacon"
              n=0
              while true; do
                n=$((n + 1))
                if ((n %% 2)); then
                  (sleep 300) &
                else
                  ( (setsid sleep 300 &) & )
                fi
                if [[ $output == prints ]]; then echo "forked $n"; fi
                sleep 0.1
              done
            fi
            if [[ $place == agent ]]; then echo "$id" >> src/work.txt; fi
            exit 0
            """
                .formatted(project.dir));
    if (!script.toFile().setExecutable(true)) {
      throw new IllegalStateException("cannot make " + script + " executable");
    }
  }

  /** The agent script's body: the forker in the agent's place. */
  String agentBody() {
    return "exec \"%s\" agent\n".formatted(program());
  }

  /** The {@code hooks} section: the forker in both hooks, each limited to {@code timeout}. */
  String hooks(String timeout) {
    return "{after_create: \"%s after_create\", before_run: \"%s before_run\", timeout: %s}"
        .formatted(program(), program(), timeout);
  }

  /** The evidence command that runs the forker in the evidence place. */
  String evidenceCommand() {
    return "\"%s\" evidence".formatted(program());
  }

  /** Tells the forker of commission {@code id} what to do; before the commission is created. */
  void plan(String id, Plan plan) {
    project.write("plans/" + id, plan.line() + "\n");
  }

  private Path program() {
    return project.dir.resolve("forker.sh");
  }
}
