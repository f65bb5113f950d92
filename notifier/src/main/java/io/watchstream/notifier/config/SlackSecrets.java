package io.watchstream.notifier.config;

import io.watchstream.notifier.delivery.Secret;
import io.watchstream.runtime.config.FieldProblem;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Slack secrets the configured mode needs (the bot token, or the webhooks), read from their environment
 * variables or files. {@link NotifierConfigLoader} reads them at load time, so a missing file or an unset variable is
 * a located config problem before anything connects; a problem names the reference's field, never the value.
 * {@link #toString} shows where each secret came from only.
 */
public record SlackSecrets(Secret token, Map<String, Secret> webhooks, Secret defaultWebhook) {

  /** The secrets, or the problems that keep them from being read (each with its field path). */
  public record Resolution(SlackSecrets secrets, List<FieldProblem> problems) {}

  public SlackSecrets {
    webhooks = Map.copyOf(webhooks);
  }

  /** Reads the secrets {@code slack.mode} needs; the other mode's references are not read. */
  public static Resolution resolve(NotifierConfig.Slack slack, Map<String, String> env) {
    List<FieldProblem> problems = new ArrayList<>();
    Secret token = null;
    Map<String, Secret> webhooks = new LinkedHashMap<>();
    Secret defaultWebhook = null;
    switch (slack.mode()) {
      case BOT -> token = read("slack.token", slack.token(), "bot", env, problems);
      case WEBHOOK -> {
        // in channel order: the record's map has none, and the problems should read the same on every run
        new TreeMap<>(slack.webhooks()).forEach((channel, ref) -> {
          Secret s = read("slack.webhooks." + channel, ref, "webhook", env, problems);
          if (s != null) {
            webhooks.put(channel, s);
          }
        });
        if (slack.defaultWebhook() != null) {
          defaultWebhook = read("slack.defaultWebhook", slack.defaultWebhook(), "webhook", env, problems);
        }
      }
    }
    return new Resolution(problems.isEmpty() ? new SlackSecrets(token, webhooks, defaultWebhook) : null, problems);
  }

  /** The variable when it is set and not blank, else the file; a problem (and null) when neither gives a value. */
  private static Secret read(String path, NotifierConfig.SecretRef ref, String mode, Map<String, String> env,
      List<FieldProblem> problems) {
    if (ref == null || (blank(ref.env()) && blank(ref.file()))) {
      problems.add(new FieldProblem(path, "names no secret: use { env: NAME } or { file: PATH }"));
      return null;
    }
    if (!blank(ref.env())) {
      String value = env.get(ref.env());
      if (value != null && !value.isBlank()) {
        return Secret.of(value.trim(), "env " + ref.env());
      }
      if (blank(ref.file())) {
        problems.add(new FieldProblem(path + ".env", value == null
            ? "environment variable " + ref.env() + " is not set (slack.mode " + mode + " needs this secret)"
            : "environment variable " + ref.env() + " is empty"));
        return null;
      }
    }
    return readFile(path + ".file", ref.file(), problems);
  }

  private static Secret readFile(String path, String file, List<FieldProblem> problems) {
    if (Files.isDirectory(Path.of(file))) {
      problems.add(new FieldProblem(path, "is a directory: name the file that holds the secret"));
      return null;
    }
    String text;
    try {
      text = Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      problems.add(new FieldProblem(path, "the secret file does not exist"));
      return null;
    } catch (CharacterCodingException e) {
      problems.add(new FieldProblem(path, "the secret file is not UTF-8 text"));
      return null;
    } catch (IOException | RuntimeException e) {
      // the exception's message may hold the path only; its class says enough (AccessDeniedException, ...)
      problems.add(new FieldProblem(path, "the secret file cannot be read (" + e.getClass().getSimpleName() + ")"));
      return null;
    }
    if (text.isBlank()) {
      problems.add(new FieldProblem(path, "the secret file is empty"));
      return null;
    }
    return Secret.of(text.trim(), "file " + file);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
