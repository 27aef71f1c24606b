package dev.sleigh.agent.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory the demo agent edits. Paths must stay inside it: absolute paths, {@code ..} and
 * symbolic links that lead out are refused before anything is written.
 */
final class DemoWorkspace {
  static final int REFUSED = 2;
  static final int OLD_TEXT_MISSING = 3;

  private final Path root;

  DemoWorkspace(Path root) throws IOException {
    this.root = root.toRealPath();
  }

  /** Where {@code relative} lives, or a refusal naming it. */
  Path resolve(String relative) throws DemoException, IOException {
    Path given = Path.of(relative);
    if (relative.startsWith("/") || relative.startsWith("\\") || given.isAbsolute()) {
      throw new DemoException(REFUSED, "refused: '" + relative + "' is an absolute path");
    }
    for (Path part : given) {
      if (part.toString().equals("..")) {
        throw new DemoException(REFUSED, "refused: '" + relative + "' leaves the workspace");
      }
    }
    Path target = root.resolve(given).normalize();
    if (!existingAncestor(target).toRealPath().startsWith(root)) {
      throw new DemoException(REFUSED, "refused: '" + relative + "' leads out of the workspace");
    }
    return target;
  }

  String apply(DemoInstruction instruction) throws DemoException, IOException {
    Path file = resolve(instruction.path());
    return switch (instruction) {
      case DemoInstruction.Create c -> create(file, c);
      case DemoInstruction.Append a -> append(file, a);
      case DemoInstruction.Replace r -> replace(file, r);
    };
  }

  private static String create(Path file, DemoInstruction.Create c) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, asLines(c.text()), StandardCharsets.UTF_8);
    return "created " + c.path();
  }

  private static String append(Path file, DemoInstruction.Append a) throws IOException {
    Files.createDirectories(file.getParent());
    String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    String separator = before.isEmpty() || before.endsWith("\n") ? "" : "\n";
    Files.writeString(file, before + separator + a.text() + "\n", StandardCharsets.UTF_8);
    return "appended a line to " + a.path();
  }

  private static String replace(Path file, DemoInstruction.Replace r)
      throws IOException, DemoException {
    String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    int at = before == null ? -1 : before.indexOf(r.old());
    if (at < 0) {
      throw new DemoException(
          OLD_TEXT_MISSING, "cannot replace in " + r.path() + ": '" + r.old() + "' not found");
    }
    String after =
        before.substring(0, at) + r.replacement() + before.substring(at + r.old().length());
    Files.writeString(file, after, StandardCharsets.UTF_8);
    return "replaced '" + r.old() + "' in " + r.path();
  }

  private static String asLines(String text) {
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }

  private static Path existingAncestor(Path path) {
    Path p = path;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? path.getRoot() : p;
  }
}
