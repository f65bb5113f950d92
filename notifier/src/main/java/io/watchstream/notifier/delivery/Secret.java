package io.watchstream.notifier.delivery;

/**
 * A token or webhook URL, read from an environment variable or a file (e.g. a mounted Kubernetes secret) by
 * {@code SlackSecrets}, never from the config file itself. {@link #toString} never shows the value, so a secret
 * that ends up in a log line or an exception message stays hidden.
 */
public final class Secret {

  private final String value;
  private final String source;

  private Secret(String value, String source) {
    this.value = value;
    this.source = source;
  }

  public static Secret of(String value, String source) {
    return new Secret(value, source);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret(from " + source + ")";
  }
}
