package io.watchstream.processor.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for {@link Expr}; rejects anything it does not understand with a message, and
 * parentheses nested deeper than {@link #MAX_NESTING}, so neither parsing nor evaluation can run out of stack.
 */
final class ExprParser {

  static final int MAX_NESTING = 64;

  private record Token(String text, boolean quoted) {}

  private final List<Token> tokens;
  private int pos;
  private int depth;

  private ExprParser(String text) {
    this.tokens = tokenize(text);
  }

  static Expr parse(String text) {
    ExprParser p = new ExprParser(text);
    if (p.tokens.isEmpty()) {
      throw new IllegalArgumentException("empty condition");
    }
    Expr e = p.or();
    if (p.pos != p.tokens.size()) {
      throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.pos).text + "' in filter pattern");
    }
    return e;
  }

  private Expr or() {
    Expr left = and();
    while (peekIs("||")) {
      pos++;
      left = new Expr.Or(left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = unary();
    while (peekIs("&&")) {
      pos++;
      left = new Expr.And(left, unary());
    }
    return left;
  }

  private Expr unary() {
    if (peekIs("(")) {
      if (++depth > MAX_NESTING) {
        throw new IllegalArgumentException("parentheses nested more than " + MAX_NESTING + " deep in filter pattern");
      }
      pos++;
      Expr e = or();
      expect(")");
      depth--;
      return e;
    }
    Token selector = next("a field selector");
    if (selector.quoted || isOperator(selector.text)) {
      throw new IllegalArgumentException("expected a field selector, found '" + selector.text + "'");
    }
    Token op = next("an operator after '" + selector.text + "'");
    String upper = op.text.toUpperCase(Locale.ROOT);
    if (!op.quoted && "IS".equals(upper)) {
      String what = next("NULL, TRUE or FALSE").text.toUpperCase(Locale.ROOT);
      if (!List.of("NULL", "TRUE", "FALSE").contains(what)) {
        throw new IllegalArgumentException("expected NULL, TRUE or FALSE after IS, found '" + what + "'");
      }
      return new Expr.Test(selector.text, what);
    }
    if (!op.quoted && "NOT".equals(upper)) {
      String what = next("EXISTS").text.toUpperCase(Locale.ROOT);
      if (!"EXISTS".equals(what)) {
        throw new IllegalArgumentException("expected EXISTS after NOT");
      }
      return new Expr.Test(selector.text, "NOT EXISTS");
    }
    if (!op.quoted && "EXISTS".equals(upper)) {
      return new Expr.Test(selector.text, "EXISTS");
    }
    String o = "==".equals(op.text) ? "=" : op.text;
    if (op.quoted || !List.of("=", "!=", "<", ">", "<=", ">=").contains(o)) {
      throw new IllegalArgumentException("expected an operator (=, !=, <, >, <=, >=) after '" + selector.text + "', found '" + op.text + "'");
    }
    Token value = next("a value after '" + o + "'");
    if (!value.quoted && isOperator(value.text)) {
      throw new IllegalArgumentException("expected a value after '" + o + "', found '" + value.text + "'");
    }
    return new Expr.Compare(selector.text, o, value.text, value.quoted);
  }

  private static boolean isOperator(String t) {
    return List.of("(", ")", "&&", "||", "=", "==", "!=", "<", ">", "<=", ">=").contains(t);
  }

  private boolean peekIs(String t) {
    return pos < tokens.size() && !tokens.get(pos).quoted && tokens.get(pos).text.equals(t);
  }

  private void expect(String t) {
    if (!peekIs(t)) {
      throw new IllegalArgumentException("expected '" + t + "' in filter pattern");
    }
    pos++;
  }

  private Token next(String what) {
    if (pos >= tokens.size()) {
      throw new IllegalArgumentException("filter pattern ends where " + what + " was expected");
    }
    return tokens.get(pos++);
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char d = s.charAt(i++);
          if (d == '\\' && i < n) {
            sb.append(s.charAt(i++));
          } else if (d == '"') {
            closed = true;
            break;
          } else {
            sb.append(d);
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("unterminated quoted string in filter pattern");
        }
        out.add(new Token(sb.toString(), true));
      } else if (c == '(' || c == ')') {
        out.add(new Token(String.valueOf(c), false));
        i++;
      } else if (s.startsWith("&&", i) || s.startsWith("||", i) || s.startsWith("!=", i) || s.startsWith("<=", i)
          || s.startsWith(">=", i) || s.startsWith("==", i)) {
        out.add(new Token(s.substring(i, i + 2), false));
        i += 2;
      } else if (c == '=' || c == '<' || c == '>') {
        out.add(new Token(String.valueOf(c), false));
        i++;
      } else {
        int start = i;
        while (i < n && !Character.isWhitespace(s.charAt(i)) && "()=!<>&|\"".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        if (i == start) {
          throw new IllegalArgumentException("unexpected '" + c + "' in filter pattern");
        }
        out.add(new Token(s.substring(start, i), false));
      }
    }
    return out;
  }
}
