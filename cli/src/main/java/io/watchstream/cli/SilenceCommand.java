package io.watchstream.cli;

import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.config.NotifierConfigLoader;
import io.watchstream.notifier.engine.Recurrence;
import io.watchstream.notifier.engine.Silence;
import io.watchstream.notifier.engine.SilenceBook;
import io.watchstream.notifier.state.SilenceStore;
import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watchstream silence add|list|remove}: manages silences and recurring maintenance windows in the
 * compacted silences topic that every notifier instance mirrors.
 */
@Command(name = "silence", mixinStandardHelpOptions = true,
    description = "Adds, lists and removes silences and recurring maintenance windows.",
    subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Remove.class})
final class SilenceCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the silences topic is: the notifier's own configuration file. */
  static final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Notifier configuration (YAML or JSON).")
    Path config;

    SilenceStore store() {
      NotifierConfig cfg = NotifierConfigLoader.loadSettings(config, System.getenv());
      // the notifier's own connection settings: a secured cluster needs no extra options here
      return new SilenceStore(cfg.kafka().bootstrapServers(), cfg.kafka().silencesTopic(),
          cfg.kafka().connection(System.getenv()).clientConfig());
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = {
      "Adds a silence. Examples:",
      "  silence add -c notifier.yaml --match rule=cpu-high --duration 2h --comment 'deploy'",
      "  silence add -c notifier.yaml --match AutoScalingGroupName=db-* --every MON-FRI --from 02:00 --for 1h --zone Europe/Berlin"})
  static final class Add implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOption config;

    @Option(names = "--match", required = true, paramLabel = "KEY=VALUE",
        description = "Matcher (repeatable; all must match): rule, severity, series, channel, a rule label or a dimension; '*' globs.")
    Map<String, String> matchers = new LinkedHashMap<>();

    @Option(names = "--id", description = "Silence id (default: random).")
    String id;

    @Option(names = "--starts", paramLabel = "TIME", description = "Start (ISO instant); default now.")
    Instant starts;

    @Option(names = "--ends", paramLabel = "TIME", description = "End (ISO instant).")
    Instant ends;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Length from the start, e.g. 2h (instead of --ends).")
    String duration;

    @Option(names = "--every", paramLabel = "DAYS", description = "Recurring window days, e.g. MON-FRI, SAT,SUN or '*'.")
    String every;

    @Option(names = "--from", paramLabel = "HH:MM", description = "Recurring window start (local time in --zone).")
    LocalTime from;

    @Option(names = "--for", paramLabel = "DURATION", description = "Recurring window length, e.g. 90m.")
    String forDuration;

    @Option(names = "--zone", defaultValue = "UTC", description = "Time zone of the recurring window (default UTC).")
    ZoneId zone;

    @Option(names = "--comment", defaultValue = "", description = "Why.")
    String comment;

    @Option(names = "--by", description = "Who (default: $USER).")
    String by;

    @Override
    public Integer call() {
      Silence silence;
      try {
        Instant start = starts != null ? starts : Instant.now();
        Instant end = ends;
        if (duration != null) {
          end = start.plus(Durations.parse(duration));
        }
        Recurrence recurrence = null;
        if (every != null || from != null || forDuration != null) {
          if (from == null || forDuration == null) {
            throw new IllegalArgumentException("a recurring window needs --from and --for (and optionally --every)");
          }
          recurrence = new Recurrence(Recurrence.parseDays(every), from, Durations.parse(forDuration), zone);
          if (starts == null) {
            start = null; // a maintenance window recurs from now on unless told otherwise
          }
        }
        if (recurrence == null && end == null) {
          throw new IllegalArgumentException("a one-off silence needs --ends or --duration");
        }
        silence = new Silence(id != null ? id : UUID.randomUUID().toString().substring(0, 8), matchers, start, end,
            recurrence, by != null ? by : System.getenv().getOrDefault("USER", "unknown"), comment);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
      try (SilenceStore store = config.store()) {
        store.put(silence);
      } catch (ConfigException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
      spec.commandLine().getOut().println(silence.id());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists silences (expired ones with --all).")
  static final class ListSilences implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOption config;

    @Option(names = "--all", description = "Include expired silences.")
    boolean all;

    @Override
    public Integer call() {
      SilenceBook book = new SilenceBook();
      try (SilenceStore store = config.store()) {
        store.poll(book, Duration.ofSeconds(30));
      } catch (ConfigException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
      Instant now = Instant.now();
      var out = spec.commandLine().getOut();
      out.printf("%-10s %-9s %-40s %-45s %s%n", "ID", "STATUS", "MATCHERS", "WINDOW", "COMMENT");
      List<Silence> silences = book.all().stream().sorted(Comparator.comparing(Silence::id)).toList();
      for (Silence s : silences) {
        if (!all && s.isExpired(now)) {
          continue;
        }
        String status = s.isActive(now) ? "active" : s.isExpired(now) ? "expired" : "pending";
        out.printf("%-10s %-9s %-40s %-45s %s%n", s.id(), status, s.matchers(), window(s), s.comment());
      }
      return 0;
    }

    private static String window(Silence s) {
      String range = (s.startsAt() == null ? "" : s.startsAt().toString()) + ".." + (s.endsAt() == null ? "" : s.endsAt().toString());
      if (s.recurrence() == null) {
        return range;
      }
      var r = s.recurrence();
      return r.days() + " " + r.start() + "+" + r.duration().toMinutes() + "m " + r.zone() + (range.equals("..") ? "" : " " + range);
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a silence by id.")
  static final class Remove implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOption config;

    @Parameters(paramLabel = "ID", description = "Silence id.")
    String id;

    @Override
    public Integer call() {
      try (SilenceStore store = config.store()) {
        store.remove(id);
      } catch (ConfigException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
      spec.commandLine().getOut().println("removed " + id);
      return 0;
    }
  }
}
