package io.watchstream.cli.local;

import io.watchstream.sandbox.FreePorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything starts, what would otherwise fail half-way: the Java version and the fixed ports
 * local mode listens on. Each problem is one sentence that says what to do about it.
 */
public final class Preflight {

  public static final int MINIMUM_JAVA = 17;

  private Preflight() {}

  /**
   * @param javaFeatureVersion {@code Runtime.version().feature()}
   * @param ports              option name (e.g. {@code --kafka-port}) to the port it asks for; 0 means "any free port"
   */
  public static List<String> problems(int javaFeatureVersion, Map<String, Integer> ports) {
    List<String> problems = new ArrayList<>();
    if (javaFeatureVersion < MINIMUM_JAVA) {
      problems.add("Java " + javaFeatureVersion + " is too old: watchstream needs Java " + MINIMUM_JAVA
          + " or newer (set JAVA_HOME to a newer JDK).");
    }
    ports.forEach((option, port) -> {
      if (port != 0 && !FreePorts.isFree(port)) {
        problems.add("Port " + port + " is already in use (" + option + "). Stop whatever listens there, or start with "
            + option + " <another port>.");
      }
    });
    return problems;
  }
}
