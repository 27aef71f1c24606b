package dev.sleigh.runtime.tools;

import java.util.List;
import java.util.Map;

/** The tools {@code sleigh mcp} offers, as {@code tools/list} describes them. */
final class ToolList {
  static final String COMMISSION_GET = "commission_get";
  static final String DECISION_GET = "decision_get";
  static final String SCOPE_CHECK = "scope_check";
  static final String EVIDENCE_RUN = "evidence_run";
  static final String NOTE_ADD = "note_add";

  private static final Map<String, Object> NO_ARGUMENTS =
      Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);

  static final List<Map<String, Object>> TOOLS =
      List.of(
          tool(
              COMMISSION_GET,
              "The commission you are working on: its title, body, scope (allowed and forbidden"
                  + " paths), evidence commands and a summary of the decision it carries out.",
              NO_ARGUMENTS),
          tool(
              DECISION_GET,
              "The decision the commission carries out, in full: title, status, revision, and"
                  + " whether the commission is still for its current revision.",
              NO_ARGUMENTS),
          tool(
              SCOPE_CHECK,
              "Whether the commission's scope allows changing each path (relative to the"
                  + " workspace), and why not when it does not.",
              Map.of(
                  "type",
                  "object",
                  "properties",
                  Map.of(
                      "paths",
                      Map.of(
                          "type",
                          "array",
                          "items",
                          Map.of("type", "string"),
                          "description",
                          "paths relative to the workspace")),
                  "required",
                  List.of("paths"),
                  "additionalProperties",
                  false)),
          tool(
              EVIDENCE_RUN,
              "Runs the commission's evidence commands in the workspace and returns each one's"
                  + " exit code and output tail, so you can check your work before you say you are"
                  + " done. Recorded as your own check; Sleigh runs them again for its verdict.",
              NO_ARGUMENTS),
          tool(
              NOTE_ADD,
              "Leaves a note for the operator on the commission (shown in `sleigh result`): a"
                  + " decision you made, a doubt, something left for later.",
              Map.of(
                  "type",
                  "object",
                  "properties",
                  Map.of("text", Map.of("type", "string", "description", "the note")),
                  "required",
                  List.of("text"),
                  "additionalProperties",
                  false)));

  private ToolList() {}

  private static Map<String, Object> tool(
      String name, String description, Map<String, Object> inputSchema) {
    return Map.of("name", name, "description", description, "inputSchema", inputSchema);
  }
}
