package io.watchstream.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.slf4j.LoggerFactory;

/**
 * Proves that a config loader never shows a secret. A module describes its loader once ({@link Loader}: the inputs
 * that put a secret where an error path reads it, and how a file is loaded); a jqwik property feeds it
 * {@link #secrets()} and calls {@link #assertNeverShown}. The secret must appear nowhere in what a user or a log
 * could see: the exception's stack trace (message, causes, suppressed), its {@code problems()}, the {@code toString()}
 * of what was loaded, and every log event written meanwhile (at any level).
 *
 * <pre>{@code
 * @Property(tries = 20)
 * void noErrorPathShowsTheSecret(@ForAll("secrets") String secret) {
 *   SecretLeaks.assertNeverShown(new IngestLoader(), secret);
 * }
 * @Provide Arbitrary<String> secrets() { return SecretLeaks.secrets(); }
 * }</pre>
 */
public final class SecretLeaks {

  /** One loader under the check. */
  public interface Loader {
    /** The inputs holding {@code secret}: each a file and an environment, on one of the loader's error paths. */
    List<Input> inputs(String secret);

    /** Loads {@code file} with {@code env}: returns what was loaded (its {@code toString()} is checked) or throws. */
    Object load(Path file, Map<String, String> env) throws Exception;
  }

  /** A file's bytes and the environment it is loaded with; {@code name} says which error path it takes. */
  public record Input(String name, byte[] content, Map<String, String> env) {
    public static Input yaml(String name, String text) {
      return new Input(name, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Input yaml(String name, String text, Map<String, String> env) {
      return new Input(name, text.getBytes(StandardCharsets.UTF_8), env);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private SecretLeaks() {
  }

  /**
   * Secrets as they are written: Slack bot, user and app tokens, webhook URLs, AWS access keys, GitHub and API
   * tokens, each with a random body of 16 to 40 letters and digits (long enough never to occur in a message by
   * chance; the prefix keeps it from reading as a number, a duration or a boolean).
   */
  public static Arbitrary<String> secrets() {
    Arbitrary<String> prefix = Arbitraries.of("xoxb-", "xoxp-", "xapp-1-", "https://hooks.slack.com/services/T0/B0/",
        "https://example.invalid/hook?key=", "AKIA", "ghp_", "sk-");
    Arbitrary<String> body = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .ofMinLength(16).ofMaxLength(40);
    return Combinators.combine(prefix, body).as(String::concat);
  }

  /** Loads every input of {@code loader} and fails naming the input whose outcome shows {@code secret}. */
  public static void assertNeverShown(Loader loader, String secret) {
    Path dir;
    try {
      dir = Files.createTempDirectory("secret-leaks");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (Input input : loader.inputs(secret)) {
        String shown = outcome(loader, input, dir);
        if (shown.contains(secret)) {
          throw new AssertionError("input '" + input.name() + "' shows the secret:\n" + shown);
        }
      }
    } finally {
      delete(dir);
    }
  }

  /** Everything the load of {@code input} makes visible: the result or the failure, and the log events. */
  private static String outcome(Loader loader, Input input, Path dir) {
    Path file = dir.resolve(input.name().replaceAll("[^A-Za-z0-9-]", "_") + ".yaml");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    StringBuilder shown = new StringBuilder();
    try {
      Files.write(file, input.content());
      logs.start();
      root.addAppender(logs);
      root.setLevel(Level.ALL);
      Object loaded = loader.load(file, input.env());
      shown.append("loaded: ").append(loaded);
    } catch (Throwable failure) {
      shown.append(stackTrace(failure)).append(problems(failure));
    } finally {
      root.detachAppender(logs);
      root.setLevel(level);
      logs.stop();
    }
    for (ILoggingEvent e : logs.list) {
      shown.append("\nlog: ").append(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        shown.append("\nlog throwable: ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
    }
    return shown.toString();
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** The failure's {@code problems()} when it has them (a ConfigException), each as its {@code toString()}. */
  private static String problems(Throwable t) {
    try {
      Method m = t.getClass().getMethod("problems");
      return "\nproblems: " + m.invoke(t);
    } catch (ReflectiveOperationException notThere) {
      return "";
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(files.toList());
      java.util.Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
