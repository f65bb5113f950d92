package io.watchstream.cli.local;

/**
 * Console colours, used only when a person is watching: a terminal is attached ({@link System#console()}),
 * {@code NO_COLOR} is not set (https://no-color.org) and {@code TERM} is not {@code dumb}. Otherwise every
 * method returns the text unchanged, so logs and test output stay plain.
 */
public record Ansi(boolean enabled) {

  public static Ansi detect() {
    String term = System.getenv("TERM");
    return new Ansi(System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(term));
  }

  public String red(String s) {
    return wrap("31;1", s);
  }

  public String green(String s) {
    return wrap("32", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String cyan(String s) {
    return wrap("36", s);
  }

  public String bold(String s) {
    return wrap("1", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  private String wrap(String code, String s) {
    return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
