package io.watchstream.runtime.config;

import java.util.Objects;

/**
 * One row of a service's override table: when {@code variable} is set (and not blank) its text replaces the value
 * at {@code path} (dotted, e.g. {@code kafka.bootstrapServers}). In a table the first row set wins for a path, so
 * list the specific variable before the generic one ({@code WATCHSTREAM_AWS_REGION} before {@code AWS_REGION}).
 */
public record EnvOverride(String variable, String path) {

  public EnvOverride {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(path, "path");
    if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("[")) {
      throw new IllegalArgumentException("an override path is a dotted list of keys, got '" + path + "'");
    }
  }

  public static EnvOverride of(String variable, String path) {
    return new EnvOverride(variable, path);
  }
}
