package dev.sleigh;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The house's layering as rules over a root package, so that the same rules that hold the code can
 * be shown failing on planted classes. Floors, lowest first: {@code domain} and {@code process};
 * {@code lifecycle} (commands, the decider, the lifecycle table, resume points and refusal codes);
 * {@code store} (the port, with {@code store.jdbc} beside it as its adapter), {@code config},
 * {@code workspace} and {@code agent}; {@code runtime}; {@code view}, {@code http} and {@code cli};
 * the composition root. A room may use the rooms on the floors below it, and no room sees {@code
 * store.jdbc} or a concrete agent protocol but the command line and the composition root.
 */
final class HouseRules {
  /** One room of the house; its rule says what it may depend on. */
  enum Room {
    DOMAIN,
    PROCESS,
    LIFECYCLE,
    STORE,
    STORE_JDBC,
    CONFIG,
    WORKSPACE,
    AGENT,
    RUNTIME,
    VIEW,
    HTTP,
    CLI
  }

  private final String root;

  HouseRules(String root) {
    this.root = root;
  }

  ArchRule of(Room room) {
    return switch (room) {
      case DOMAIN -> only("domain..", List.of("domain.."), "java..").because(why(room));
      case PROCESS ->
          only("process..", List.of("process.."), "java..", "org.slf4j..").because(why(room));
      case LIFECYCLE ->
          only("lifecycle..", List.of("lifecycle..", "domain.."), "java..").because(why(room));
      case STORE ->
          only("store", List.of("store", "lifecycle..", "domain.."), "java..").because(why(room));
      case STORE_JDBC ->
          inside("store.jdbc..", "store..", "lifecycle..", "domain..").because(why(room));
      case CONFIG -> inside("config..", "config..", "domain..").because(why(room));
      case WORKSPACE ->
          inside("workspace..", "workspace..", "domain..", "process..").because(why(room));
      case AGENT -> inside("agent..", "agent..", "domain..", "process..").because(why(room));
      case RUNTIME -> inside("runtime..", belowTheTop("runtime..")).because(why(room));
      case VIEW -> inside("view..", belowTheTop("view..")).because(why(room));
      case HTTP -> inside("http..", belowTheTop("http..", "view..")).because(why(room));
      case CLI ->
          inside(
                  "cli..",
                  "cli..",
                  "http..",
                  "view..",
                  "runtime..",
                  "store..",
                  "lifecycle..",
                  "config..",
                  "workspace..",
                  "agent..",
                  "process..",
                  "domain..")
              .because(why(room));
    };
  }

  private static String why(Room room) {
    return switch (room) {
      case DOMAIN -> "the domain is records and pure functions on the JDK alone";
      case PROCESS -> "child processes are handled with the JDK and logging only";
      case LIFECYCLE ->
          "the lifecycle (commands, the decider, the table, resume points) is pure, over the domain";
      case STORE -> "the store's port speaks the domain's and the lifecycle's language, no other";
      case STORE_JDBC -> "the SQL adapter implements the store's port and knows nothing above it";
      case CONFIG -> "configuration is parsed into domain values and used by the floors above";
      case WORKSPACE -> "workspaces are git and files, started through the process room";
      case AGENT -> "agents are child processes behind one port, unaware of what drives them";
      case RUNTIME ->
          "the runtime drives ports: the store's and the agent's, never SQL or a protocol";
      case VIEW -> "views are read models for the command line and HTTP, which they never see";
      case HTTP -> "HTTP serves the views and never reaches into the command line";
      case CLI -> "only the composition root builds and runs the command line";
    };
  }

  /** Nothing outside {@code process} starts a program: one place builds argv, env and groups. */
  ArchRule onlyTheProcessRoomStartsProcesses() {
    DescribedPredicate<JavaCall<?>> startsAProcess =
        new DescribedPredicate<>("start a process (ProcessBuilder, Runtime.exec)") {
          @Override
          public boolean test(JavaCall<?> call) {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            if (owner.equals(ProcessBuilder.class.getName())) {
              return name.equals("<init>") || name.equals("start") || name.equals("startPipeline");
            }
            return owner.equals(Runtime.class.getName()) && name.equals("exec");
          }
        };
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + ".process..")
        .should()
        .callCodeUnitWhere(startsAProcess)
        .because("every child gets its argv, cwd, environment, group and tree kill in one place");
  }

  /** No two packages depend on each other, however far round. */
  ArchRule noPackageCycles() {
    SliceAssignment byPackage =
        new SliceAssignment() {
          @Override
          public SliceIdentifier getIdentifierOf(JavaClass c) {
            String name = c.getPackageName();
            return name.equals(root) || name.startsWith(root + ".")
                ? SliceIdentifier.of(name)
                : SliceIdentifier.ignore();
          }

          @Override
          public String getDescription() {
            return "the packages of " + root;
          }
        };
    return SlicesRuleDefinition.slices().assignedFrom(byPackage).should().beFreeOfCycles();
  }

  /** Classes in {@code room} depend only on {@code rooms} of the house and on {@code outside}. */
  private ArchRule only(String room, List<String> rooms, String... outside) {
    List<String> allowed = new ArrayList<>(rooms.stream().map(this::full).toList());
    allowed.addAll(List.of(outside));
    return classes()
        .that()
        .resideInAPackage(full(room))
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(allowed.toArray(String[]::new));
  }

  /** Classes in {@code room} use only {@code rooms} of the house; libraries are theirs to pick. */
  private ArchRule inside(String room, String... rooms) {
    String[] allowed = Arrays.stream(rooms).map(this::full).toArray(String[]::new);
    return classes()
        .that()
        .resideInAPackage(full(room))
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage(root + "..")
                .or(resideInAnyPackage(allowed))
                .as("are outside the house or in " + String.join(", ", rooms)));
  }

  /** The floors below view, http and cli: the agent and store ports, not their implementations. */
  private static String[] belowTheTop(String... own) {
    List<String> rooms = new ArrayList<>(List.of(own));
    rooms.addAll(
        List.of(
            "runtime..",
            "store",
            "lifecycle..",
            "agent",
            "config..",
            "workspace..",
            "process..",
            "domain.."));
    return rooms.toArray(String[]::new);
  }

  private String full(String room) {
    return root + "." + room;
  }
}
