package io.watchstream.notifier.config;

/** An invalid notifier configuration; the CLI exits with code 2. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
