package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The copy of the codex app-server schema under {@code src/test/resources}, and how its {@code
 * *.subset.json} files are cut from the full schema (so a test can cut them again from a freshly
 * generated one and compare).
 */
public final class SchemaFiles {
  public static final String DIR = "/dev/sleigh/agent/codex/schema/";
  public static final ObjectMapper JSON = new ObjectMapper();

  /** Files copied unchanged. */
  public static final List<String> COPIED =
      List.of(
          "JSONRPCMessage.json",
          "ClientNotification.json",
          "ServerRequest.json",
          "CommandExecutionRequestApprovalResponse.json",
          "FileChangeRequestApprovalResponse.json",
          "ExecCommandApprovalResponse.json",
          "ApplyPatchApprovalResponse.json",
          "PermissionsRequestApprovalResponse.json",
          "McpServerElicitationRequestResponse.json",
          "DynamicToolCallResponse.json");

  /** Subsets: the full file they are cut from and the methods they keep. */
  public static final Map<String, List<String>> SUBSETS =
      Map.of(
          "ClientRequest.json",
              List.of("initialize", "thread/start", "turn/start", "turn/interrupt"),
          "ServerNotification.json",
              List.of(
                  "error",
                  "turn/started",
                  "turn/completed",
                  "item/started",
                  "item/completed",
                  "thread/tokenUsage/updated"));

  private SchemaFiles() {}

  public static JsonNode load(String name) {
    try (InputStream in = SchemaFiles.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no schema file " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String subsetName(String full) {
    return full.replace(".json", ".subset.json");
  }

  /** The {@code oneOf} branches of {@code methods} and every definition they reach. */
  public static JsonNode subset(JsonNode full, List<String> methods) {
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode branch : full.path("oneOf")) {
      if (methods.contains(
          branch.path("properties").path("method").path("enum").path(0).asText())) {
        kept.add(branch);
      }
    }
    Set<String> needed = new LinkedHashSet<>();
    Deque<JsonNode> todo = new ArrayDeque<>(List.of(kept));
    while (!todo.isEmpty()) {
      for (String name : refs(todo.pop())) {
        if (needed.add(name)) {
          todo.push(full.path("definitions").path(name));
        }
      }
    }
    ObjectNode out = full.deepCopy();
    out.set("oneOf", kept);
    Map<String, JsonNode> defs = new TreeMap<>();
    needed.forEach(n -> defs.put(n, full.path("definitions").get(n)));
    ObjectNode definitions = out.putObject("definitions");
    defs.forEach(definitions::set);
    return out;
  }

  private static Set<String> refs(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    node.findValues("$ref")
        .forEach(r -> out.add(r.asText().substring(r.asText().lastIndexOf('/') + 1)));
    return out;
  }
}
