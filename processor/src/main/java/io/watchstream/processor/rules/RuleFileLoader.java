package io.watchstream.processor.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.watchstream.runtime.config.BindingProblems;
import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.ConfigProblem;
import io.watchstream.runtime.config.FieldProblem;
import io.watchstream.runtime.config.ConfigText;
import io.watchstream.runtime.config.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML rule file ({@code rules: [ ... ]} or a bare list) into typed rules, through the same strict reader
 * as every service config ({@link YamlDocument}): duplicate keys, anchors and aliases, a second document and
 * unknown fields are refused, and so is an empty value ({@code ~}) anywhere in a rule. Any problem — YAML syntax,
 * an unknown field, a wrong type, a failed semantic check, a duplicate id — makes the whole file unusable:
 * {@link RuleFileException} lists every problem as {@code file:line:col: rules[i].field: problem}. Messages never
 * quote a value from the file (a pasted token would otherwise end up in CI logs); the location points at it.
 */
public final class RuleFileLoader {

  private static final String KINDS = "threshold, log-frequency, log-spike, log-flatline, log-new-term or anomaly";

  public List<LoadedRule> load(Path file) throws RuleFileException {
    String text;
    try {
      text = ConfigText.readUtf8(file);
    } catch (ConfigException e) {
      throw new RuleFileException(e.problems());
    }
    return parse(file.toString(), text);
  }

  public List<LoadedRule> parse(String fileName, String yaml) throws RuleFileException {
    YamlDocument doc;
    try {
      doc = YamlDocument.read(yaml, fileName, YamlDocument.Root.MAPPING_OR_LIST);
    } catch (ConfigException e) {
      throw new RuleFileException(e.problems());
    }
    JsonNode root = doc.root();
    String listPath = root.isArray() ? "" : "rules";
    JsonNode list = root.isArray() ? root : root.get("rules");
    List<ConfigProblem> problems = new ArrayList<>();
    if (root.isObject()) {
      for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!"rules".equals(name)) {
          problems.add(doc.problemAt(name, "unknown top-level key (a rule file holds only 'rules:')"));
        }
      }
    }
    if (list == null || !list.isArray()) {
      problems.add(doc.problemAt(listPath, "the file must hold a list of rules under 'rules:'"));
      throw new RuleFileException(problems);
    }
    List<LoadedRule> rules = new ArrayList<>();
    Map<String, String> idPaths = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String base = YamlDocument.item(listPath, i);
      Rule rule = bind(doc, base, list.get(i), problems);
      if (rule == null) {
        continue;
      }
      for (RuleProblem p : rule.validate()) {
        problems.add(doc.problemAt(within(base, p.field()), p.message()));
      }
      String firstUse = rule.id() == null ? null : idPaths.putIfAbsent(rule.id(), within(base, "id"));
      if (firstUse != null) {
        problems.add(doc.problemAt(within(base, "id"), "duplicate rule id (first used at line "
            + doc.sourceMap().locate(firstUse).line() + ")"));
      }
      rules.add(new LoadedRule(rule, fileName + ":" + doc.sourceMap().locate(base).line()));
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
      throw new RuleFileException(problems);
    }
    return rules;
  }

  /** The rule at {@code base}, or null after adding why it is not one. */
  private static Rule bind(YamlDocument doc, String base, JsonNode entry, List<ConfigProblem> problems) {
    if (entry == null || entry.isNull() || !entry.isObject()) {
      // "- " with nothing after it, or a scalar/list where a rule should be
      problems.add(doc.problemAt(base, "expected a rule (a mapping with id, kind, ...), found "
          + (entry == null || entry.isNull() ? "nothing" : "a " + entry.getNodeType().name().toLowerCase(java.util.Locale.ROOT))));
      return null;
    }
    int before = problems.size();
    emptyValues(doc, base, entry, problems);
    if (problems.size() > before) {
      return null;
    }
    try {
      return RuleJson.yaml().treeToValue(entry, Rule.class);
    } catch (InvalidTypeIdException e) {
      problems.add(doc.problemAt(within(base, "kind"), e.getTypeId() == null || e.getTypeId().isEmpty()
          ? "is required (" + KINDS + ")" : "unknown kind: use " + KINDS));
    } catch (DatabindException e) {
      FieldProblem p = BindingProblems.of(e, entry);
      problems.add(doc.problemAt(within(base, p.path()), p.problem()));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problems.add(doc.problemAt(base, "cannot be read as a rule"));
    }
    return null;
  }

  /** {@code ~}, {@code null} or nothing after a key: a value that was meant but not written, never a default. */
  private static void emptyValues(YamlDocument doc, String path, JsonNode node, List<ConfigProblem> problems) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        emptyValue(doc, YamlDocument.child(path, field.getKey()), field.getValue(), problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        emptyValue(doc, YamlDocument.item(path, i), node.get(i), problems);
      }
    }
  }

  private static void emptyValue(YamlDocument doc, String path, JsonNode value, List<ConfigProblem> problems) {
    if (value.isNull()) {
      problems.add(doc.problemAt(path, "is empty (~, null or nothing after the colon): write a value or leave the key out"));
    } else {
      emptyValues(doc, path, value, problems);
    }
  }

  /** {@code rules[2]} + {@code metric.dimensions.InstanceId} / {@code actions.notify[0]}. */
  private static String within(String base, String field) {
    if (field == null || field.isEmpty()) {
      return base;
    }
    return field.startsWith("[") ? base + field : YamlDocument.child(base, field);
  }
}
