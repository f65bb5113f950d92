package io.watchstream.runtime.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a Jackson binding failure into a {@link FieldProblem}: the config path and what was expected. Jackson's own
 * messages quote the value ({@code Cannot deserialize ... from String "hunter2"}), so they are never passed on.
 */
public final class BindingProblems {

  private static final Pattern OUT_OF_RANGE = Pattern.compile("out of range of \\w+ \\((-?\\d+) - (-?\\d+)\\)");

  private BindingProblems() {}

  /** {@code root}: the tree that was bound, to tell an empty value from a wrong one. */
  public static FieldProblem of(DatabindException e, JsonNode root) {
    return new FieldProblem(path(e), isNull(e, root) ? "must not be empty" : problem(e));
  }

  private static boolean isNull(DatabindException e, JsonNode root) {
    if (!(e instanceof JsonMappingException m) || e instanceof UnrecognizedPropertyException) {
      return false;
    }
    JsonNode node = root;
    for (JsonMappingException.Reference r : m.getPath()) {
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : r.getIndex() >= 0 ? node.get(r.getIndex()) : node;
      if (node == null) {
        return false;
      }
    }
    return node.isNull();
  }

  static String path(DatabindException e) {
    StringBuilder path = new StringBuilder();
    if (e instanceof JsonMappingException m) {
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          path.append('[').append(r.getIndex()).append(']');
        }
      }
    }
    return path.toString();
  }

  private static String problem(DatabindException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      Collection<Object> known = u.getKnownPropertyIds();
      return known == null || known.isEmpty() ? "unknown key"
          : "unknown key (known here: " + new TreeSet<>(known.stream().map(String::valueOf).toList()).stream()
              .collect(Collectors.joining(", ")) + ")";
    }
    Matcher range = OUT_OF_RANGE.matcher(String.valueOf(e.getOriginalMessage()));
    if (range.find()) {
      // Jackson's "Numeric value (99999999999) out of range of int (-2147483648 - 2147483647)", without the value
      return "must be a whole number from " + range.group(1) + " to " + range.group(2);
    }
    if (e instanceof InvalidNullException) {
      return "must not be empty";
    }
    if (e instanceof InvalidFormatException f) {
      return "expected " + describe(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + describe(m.getTargetType());
    }
    if (e instanceof ValueInstantiationException v && v.getCause() instanceof NullPointerException) {
      // a record copying its entries (Map.copyOf, List.copyOf) met one written as ~ or left empty
      return "an entry is empty (~ or no value): give it a value or leave it out";
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null && v.getCause().getMessage() != null) {
      // the config record's own check (a compact constructor): its message is the service's, not Jackson's
      return v.getCause().getMessage();
    }
    return "cannot be read";
  }

  /** How a file spells the constant: its {@code @JsonProperty} name when it has one. */
  private static String spelling(Enum<?> constant) {
    try {
      JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return p != null && !p.value().isEmpty() ? p.value() : constant.name();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }

  static String describe(Class<?> type) {
    if (type == Duration.class) {
      return "a duration (e.g. 60, 90s, 5m, 2h, 7d or PT5M)";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == short.class || type == Short.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value (in quotes when it looks like a number or true/false)";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> spelling((Enum<?>) c)).collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys to values";
    }
    return "a " + type.getSimpleName();
  }
}
