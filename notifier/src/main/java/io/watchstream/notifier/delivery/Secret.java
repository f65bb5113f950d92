package io.watchstream.notifier.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A token or webhook URL, read from an environment variable or a file (e.g. a mounted Kubernetes
 * secret), never from the config file itself. {@link #toString} never shows the value, so a secret
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

  /** Reads from {@code env[envName]} when set, else from {@code file} when given; null when neither is set. */
  public static Secret resolve(String envName, String file, Map<String, String> env) {
    if (envName != null && env.get(envName) != null && !env.get(envName).isBlank()) {
      return new Secret(env.get(envName).trim(), "env " + envName);
    }
    if (file != null && !file.isBlank()) {
      try {
        return new Secret(Files.readString(Path.of(file)).trim(), "file " + file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read secret file " + file, e);
      }
    }
    return null;
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret(from " + source + ")";
  }
}
