package io.watchstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A corpus of hostile input files kept under a test-resources directory: every input file {@code NAME.EXT} has a
 * {@code NAME.expected} beside it holding the exact message the project must give for it. A module runs its
 * corpus with {@code @ParameterizedTest @MethodSource} over {@link #in(String)}; adding a case is adding two files.
 */
public final class HostileFiles {

  /** One input file and the message expected for it (without a trailing newline). */
  public record Case(String name, Path input, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Loads one input file, throwing when it is refused. */
  @FunctionalInterface
  public interface Load {
    void load(Path input) throws Exception;
  }

  private HostileFiles() {
  }

  /**
   * What loading {@code c}'s input gives, in the form its {@code .expected} file holds: {@code loaded} when it loads,
   * else the exception's message as {@code watchstream} prints it, the input named by its file name only.
   */
  public static String outcome(Case c, Load load) {
    try {
      load.load(c.input());
      return "loaded";
    } catch (Exception e) {
      return String.valueOf(e.getMessage()).replace(c.input().toString(), c.input().getFileName().toString());
    }
  }

  /** The cases under the test-resources directory {@code resourceDir}, sorted by name; fails when it is empty. */
  public static Stream<Case> in(String resourceDir) {
    Path dir = directory(resourceDir);
    List<Path> inputs;
    try (Stream<Path> files = Files.list(dir)) {
      inputs = files.filter(f -> !f.getFileName().toString().endsWith(".expected")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (inputs.isEmpty()) {
      throw new IllegalStateException("no hostile files under " + dir);
    }
    return inputs.stream().map(HostileFiles::caseOf);
  }

  private static Case caseOf(Path input) {
    String file = input.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String name = dot > 0 ? file.substring(0, dot) : file;
    Path expected = input.resolveSibling(name + ".expected");
    if (!Files.isRegularFile(expected)) {
      throw new IllegalStateException(input + " has no " + expected.getFileName() + " beside it");
    }
    try {
      return new Case(name, input, Files.readString(expected, StandardCharsets.UTF_8).stripTrailing());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(String resourceDir) {
    URL url = Thread.currentThread().getContextClassLoader().getResource(resourceDir);
    if (url == null || !"file".equals(url.getProtocol())) {
      throw new IllegalStateException("no test-resources directory " + resourceDir);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
