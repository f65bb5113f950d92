package io.watchstream.processor.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML rule file ({@code rules: [ ... ]} or a bare list) into typed rules. Any problem — YAML
 * syntax, an unknown field, a wrong type, a failed semantic check, a duplicate id — makes the whole file
 * unusable: {@link RuleFileException} names file, line and field of the first problem and lists all.
 */
public final class RuleFileLoader {

  public List<LoadedRule> load(Path file) throws RuleFileException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RuleFileException(file.toString(), 0, "", "cannot read: " + e.getMessage(), List.of());
    }
    return parse(file.toString(), text);
  }

  public List<LoadedRule> parse(String fileName, String yaml) throws RuleFileException {
    Map<String, Integer> lines;
    JsonNode root;
    try {
      lines = lineIndex(yaml);
      root = RuleJson.yaml().readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new RuleFileException(fileName, loc == null ? 0 : loc.getLineNr(), "", "not valid YAML: " + e.getOriginalMessage(), List.of());
    } catch (IOException e) {
      throw new RuleFileException(fileName, 0, "", "cannot parse: " + e.getMessage(), List.of());
    }
    JsonNode list = root == null ? null : root.isObject() ? root.get("rules") : root;
    String listPointer = root != null && root.isObject() ? "/rules" : "";
    if (list == null || !list.isArray()) {
      throw new RuleFileException(fileName, 1, "rules", "the file must hold a list of rules under 'rules:'", List.of());
    }
    if (root.isObject()) {
      for (var it = root.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!"rules".equals(name)) {
          throw new RuleFileException(fileName, lineOf(lines, "/" + name), name, "unknown top-level field", List.of());
        }
      }
    }
    List<Problem> problems = new ArrayList<>();
    List<LoadedRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String base = listPointer + "/" + i;
      JsonNode entry = list.get(i);
      if (entry == null || entry.isNull() || !entry.isObject()) {
        // "- " with nothing after it, or a scalar/list where a rule should be
        problem(problems, fileName, lines, base, "rules[" + i + "]", "expected a rule (a mapping with id, kind, ...), found "
            + (entry == null || entry.isNull() ? "nothing" : "a " + entry.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        continue;
      }
      Rule rule;
      try {
        rule = RuleJson.yaml().treeToValue(entry, Rule.class);
      } catch (JsonProcessingException e) {
        String field = fieldOf(e);
        problem(problems, fileName, lines, base + pointerOf(field), field, describe(e));
        continue;
      } catch (IllegalArgumentException e) {
        problem(problems, fileName, lines, base, "", e.getMessage());
        continue;
      }
      for (RuleProblem p : rule.validate()) {
        problem(problems, fileName, lines, base + pointerOf(p.field()), p.field(), p.message());
      }
      if (rule.id() != null && !ids.add(rule.id())) {
        problem(problems, fileName, lines, base + "/id", "id", "duplicate rule id '" + rule.id() + "'");
      }
      rules.add(new LoadedRule(rule, fileName + ":" + lineOf(lines, base)));
    }
    if (!problems.isEmpty()) {
      Problem first = problems.get(0);
      throw new RuleFileException(fileName, first.line, first.field, first.message,
          problems.stream().map(p -> RuleFileException.format(fileName, p.line, p.field, p.message)).toList());
    }
    return rules;
  }

  private record Problem(int line, String field, String message) {}

  private static void problem(List<Problem> problems, String file, Map<String, Integer> lines, String pointer, String field, String message) {
    problems.add(new Problem(lineOf(lines, pointer), field, message));
  }

  /** Line of the closest enclosing element that the YAML parser saw. */
  private static int lineOf(Map<String, Integer> lines, String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return 1;
      }
      p = p.substring(0, slash);
    }
  }

  /** JSON pointer -> line of every field name and array element, from one pass of the YAML parser. */
  private static Map<String, Integer> lineIndex(String yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = RuleJson.yaml().getFactory().createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        var context = token.isStructStart() ? parser.getParsingContext().getParent() : parser.getParsingContext();
        if (context == null) {
          continue;
        }
        String pointer = context.pathAsPointer().toString();
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
      }
    }
    return lines;
  }

  private static String fieldOf(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String parent = pathOf(u.getPath().subList(0, Math.max(0, u.getPath().size() - 1)));
      return parent.isEmpty() ? u.getPropertyName() : parent + "." + u.getPropertyName();
    }
    if (e instanceof InvalidTypeIdException) {
      return "kind";
    }
    if (e instanceof JsonMappingException m) {
      return pathOf(m.getPath());
    }
    return "";
  }

  private static String pathOf(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** "metric.dimensions.InstanceId" / "actions.notify[0]" -> "/metric/dimensions/InstanceId" / "/actions/notify/0". */
  static String pointerOf(String field) {
    if (field == null || field.isEmpty()) {
      return "";
    }
    return "/" + field.replace("[", ".").replace("]", "").replace('.', '/');
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'";
    }
    if (e instanceof InvalidTypeIdException t) {
      return t.getTypeId() == null
          ? "'kind' is required (threshold, log-frequency, log-spike, log-flatline, log-new-term or anomaly)"
          : "unknown kind '" + t.getTypeId() + "' (threshold, log-frequency, log-spike, log-flatline, log-new-term or anomaly)";
    }
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    String msg = e.getOriginalMessage();
    int nl = msg.indexOf('\n');
    return nl > 0 ? msg.substring(0, nl) : msg;
  }
}
