package io.watchstream.processor.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchstream.schemas.Glob;
import java.util.function.Function;

/**
 * Conditions of CloudWatch JSON and space-delimited filter patterns: comparisons on selectors combined
 * with {@code &&}, {@code ||} and parentheses. A selector resolves to a {@link JsonNode} (null when the
 * field does not exist).
 */
sealed interface Expr {

  boolean eval(Function<String, JsonNode> resolve);

  record And(Expr left, Expr right) implements Expr {
    public boolean eval(Function<String, JsonNode> r) {
      return left.eval(r) && right.eval(r);
    }
  }

  record Or(Expr left, Expr right) implements Expr {
    public boolean eval(Function<String, JsonNode> r) {
      return left.eval(r) || right.eval(r);
    }
  }

  /** {@code selector IS NULL | IS TRUE | IS FALSE | EXISTS | NOT EXISTS}. */
  record Test(String selector, String test) implements Expr {
    public boolean eval(Function<String, JsonNode> r) {
      JsonNode n = r.apply(selector);
      return switch (test) {
        case "NULL" -> n != null && n.isNull();
        case "TRUE" -> n != null && n.isBoolean() && n.booleanValue();
        case "FALSE" -> n != null && n.isBoolean() && !n.booleanValue();
        case "EXISTS" -> n != null;
        default -> n == null; // NOT EXISTS
      };
    }
  }

  /** {@code selector op value}; strings compare with {@code *} wildcards, numbers numerically. */
  record Compare(String selector, String op, String value, boolean quoted) implements Expr {

    public boolean eval(Function<String, JsonNode> r) {
      JsonNode n = r.apply(selector);
      if (n == null || n.isNull() || n.isContainerNode()) {
        return false; // as in CloudWatch, a condition on an absent or non-scalar field never matches
      }
      Double number = quoted ? null : parseNumber(value);
      Double actual = n.isNumber() ? Double.valueOf(n.doubleValue()) : parseNumber(n.asText());
      switch (op) {
        case "=", "!=" -> {
          boolean equal = number != null && actual != null
              ? actual.doubleValue() == number.doubleValue()
              : wildcardEquals(value, n.asText());
          return "=".equals(op) == equal;
        }
        default -> {
          if (number == null || actual == null) {
            return false;
          }
          double a = actual;
          double b = number;
          return switch (op) {
            case "<" -> a < b;
            case ">" -> a > b;
            case "<=" -> a <= b;
            default -> a >= b;
          };
        }
      }
    }

    private static boolean wildcardEquals(String pattern, String text) {
      return Glob.starsOnly(pattern).matches(text);
    }

    static Double parseNumber(String s) {
      if (s == null || s.isEmpty() || s.length() > 40) {
        return null;
      }
      char c = s.charAt(0);
      if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
        return null;
      }
      try {
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
