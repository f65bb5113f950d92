package io.watchstream.testkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every field of a config record tree, each with a small YAML file that gets it wrong, so a test can prove that
 * every unknown key and every wrong type is reported at its own line and column. The tree is walked through
 * record components: a record is a section, a {@code List<R>} of records a list of sections (one item), a
 * {@code Map<String, R>} of records a map of sections (one entry, {@code x}).
 */
public final class ConfigFields {

  /** A wrong file, the config path the problem must name, and where the offending key is (1-based). */
  public record Wrong(String yaml, String path, int line, int column) {
    @Override
    public String toString() {
      return path;
    }
  }

  private ConfigFields() {
  }

  /** In every section of {@code root}: a key the section does not have ({@code path} ends in {@code .bogusKey}). */
  public static List<Wrong> unknownKeys(Class<?> root) {
    List<Wrong> out = new ArrayList<>();
    walk(root, new ArrayList<>(), (steps, type) -> {
      Doc d = Doc.of(steps);
      out.add(new Wrong(d.yaml + d.indent + "bogusKey: 1\n", d.path(steps, "bogusKey"), d.lines + 1, d.indent.length() + 1));
    }, (steps, component) -> { });
    return out;
  }

  /**
   * Every field of every section given a value of the wrong shape: a nested list where a scalar, a list or a
   * mapping is expected. The problem must name the field (or something inside it) at the field's line.
   */
  public static List<Wrong> wrongTypes(Class<?> root) {
    List<Wrong> out = new ArrayList<>();
    walk(root, new ArrayList<>(), (steps, type) -> { }, (steps, name) -> {
      Doc d = Doc.of(steps);
      out.add(new Wrong(d.yaml + d.indent + name + ": [[x]]\n", d.path(steps, name), d.lines + 1, d.indent.length() + 1));
    });
    return out;
  }

  private interface SectionVisitor {
    void section(List<String> steps, Class<?> type);
  }

  private interface FieldVisitor {
    void field(List<String> steps, String name);
  }

  /** {@code steps}: keys, {@code "-"} for a list item, {@code "x"} for a map entry. */
  private static void walk(Class<?> type, List<String> steps, SectionVisitor sections, FieldVisitor fields) {
    sections.section(steps, type);
    for (RecordComponent c : type.getRecordComponents()) {
      String name = name(c);
      fields.field(steps, name);
      Type g = c.getGenericType();
      if (isRecord(c.getType())) {
        walk(c.getType(), with(steps, name), sections, fields);
      } else if (g instanceof ParameterizedType p && c.getType() == List.class && isRecord(p.getActualTypeArguments()[0])) {
        walk((Class<?>) p.getActualTypeArguments()[0], with(with(steps, name), "-"), sections, fields);
      } else if (g instanceof ParameterizedType p && c.getType() == Map.class && isRecord(p.getActualTypeArguments()[1])) {
        walk((Class<?>) p.getActualTypeArguments()[1], with(with(steps, name), "x"), sections, fields);
      }
    }
  }

  /** A record read as a YAML section, not one with its own reader (a value written inline or as a reference). */
  private static boolean isRecord(Type t) {
    return t instanceof Class<?> k && k.isRecord() && !k.isAnnotationPresent(JsonDeserialize.class);
  }

  private static String name(RecordComponent c) {
    JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
    return p != null && !p.value().isEmpty() ? p.value() : c.getName();
  }

  private static List<String> with(List<String> steps, String step) {
    List<String> l = new ArrayList<>(steps);
    l.add(step);
    return l;
  }

  /**
   * The block YAML that opens the section at {@code steps}, one line per step (a list item as a dash alone on its
   * line, its mapping below), and the indentation of the section's keys.
   */
  private record Doc(String yaml, int lines, String indent) {
    static Doc of(List<String> steps) {
      StringBuilder yaml = new StringBuilder();
      String indent = "";
      for (String step : steps) {
        yaml.append(indent).append(step.equals("-") ? "-" : step + ":").append('\n');
        indent += "  ";
      }
      return new Doc(yaml.toString(), steps.size(), indent);
    }

    String path(List<String> steps, String key) {
      StringBuilder p = new StringBuilder();
      for (String s : steps) {
        if (s.equals("-")) {
          p.append("[0]");
        } else {
          p.append(p.length() == 0 ? "" : ".").append(s);
        }
      }
      return (p.length() == 0 ? "" : p + ".") + key;
    }
  }
}
