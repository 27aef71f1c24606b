package dev.sleigh.config;

import dev.sleigh.domain.Commission;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a commission file (SPEC §2): either one commission, or a mapping whose only key is {@code
 * commissions:} holding a list of them. All or nothing: any problem throws a {@link
 * CommissionFileException} naming file, line and key of every problem found (all of them at once, a
 * line each), and no commission of the file is returned.
 */
public final class CommissionFileReader {
  private static final String LIST_KEY = "commissions";

  private final long maxBytes;

  /** A reader of files up to the default limit, 1 MB. */
  public CommissionFileReader() {
    this(TextFiles.DEFAULT_LIMIT);
  }

  /** A reader that refuses files larger than {@code maxBytes} before parsing them. */
  public CommissionFileReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Reads {@code file}; relative repository paths are resolved against its directory.
   *
   * @throws UncheckedIOException when the file cannot be read at all
   */
  public List<Commission> read(Path file, RevisionResolver resolver) {
    String text;
    try {
      text =
          TextFiles.read(
              file,
              maxBytes,
              problem ->
                  new CommissionFileException(
                      file.toString(), 1, LocatedFileException.DOCUMENT, problem));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UncheckedIOException("no commission file " + file, e);
    }
    Path baseDir = file.toAbsolutePath().normalize().getParent();
    return read(text, file.toString(), baseDir, resolver);
  }

  /**
   * Reads commission YAML that came from {@code sourceName} (used in messages only); relative
   * repository paths are resolved against {@code baseDir}.
   */
  public List<Commission> read(
      String yamlText, String sourceName, Path baseDir, RevisionResolver resolver) {
    LocatedNode root = YamlDocument.parse(yamlText, sourceName).root();
    if (!root.node().isObject()) {
      throw root.fail("expected a commission mapping or a 'commissions:' list");
    }
    var mapper = new CommissionMapper(baseDir, resolver);
    List<Commission> out = new ArrayList<>();
    Map<String, LocatedNode> seen = new HashMap<>();
    Problems problems = new Problems();
    for (LocatedNode entry : entries(root)) {
      Commission commission = problems.read(() -> mapper.map(entry));
      LocatedNode where = entry.field("id").present() ? entry.field("id") : entry;
      if (commission == null) {
        // a later entry that repeats the id of this broken one is a problem of its own
        if (where != entry && where.node().isTextual()) {
          seen.putIfAbsent(where.node().asText(), where);
        }
        continue;
      }
      LocatedNode first = seen.putIfAbsent(commission.id(), where);
      if (first != null) {
        problems.add(
            where.fail(
                "duplicate id '"
                    + commission.id()
                    + "' (first used on line "
                    + first.line()
                    + ")"));
      }
      out.add(commission);
    }
    problems.throwAny();
    return List.copyOf(out);
  }

  private static List<LocatedNode> entries(LocatedNode root) {
    if (!root.node().has(LIST_KEY)) {
      return List.of(root);
    }
    root.mapping(List.of(LIST_KEY));
    LocatedNode list = root.field(LIST_KEY);
    List<LocatedNode> entries = list.required().elements();
    if (entries.isEmpty()) {
      throw list.fail("must list at least one commission");
    }
    return entries;
  }
}
