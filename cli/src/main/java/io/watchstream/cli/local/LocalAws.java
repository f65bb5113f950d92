package io.watchstream.cli.local;

import io.watchstream.pipeline.StartedParts;
import io.watchstream.sandbox.MotoServer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * moto_server seeded with the {@link Scenario}, started on a helper thread (loading moto's services takes a few
 * seconds) while the broker and the registry start. A moto_server that is not installed is not an error: local mode
 * then replays the bundled data files, and {@link #problem()} says why.
 */
final class LocalAws {

  /** The scenario as written into moto, for the status line. */
  record Seeded(MotoServer moto, ScenarioSeeder seeder, Scenario scenario, ScenarioSeeder.Written history) {}

  private final CompletableFuture<Optional<Seeded>> starting;
  private volatile String problem = "";

  private LocalAws(CompletableFuture<Optional<Seeded>> starting) {
    this.starting = starting;
  }

  static LocalAws none() {
    return new LocalAws(CompletableFuture.completedFuture(Optional.empty()));
  }

  /** Starts moto and seeds it in the background; every part it starts goes on {@code parts}. */
  static LocalAws startInBackground(int port, Instant now, StartedParts parts) {
    LocalAws aws = new LocalAws(new CompletableFuture<>());
    Thread t = new Thread(() -> {
      try {
        aws.starting.complete(aws.seed(port, now, parts));
      } catch (RuntimeException e) {
        aws.starting.completeExceptionally(e);
      }
    }, "local-aws-start");
    t.setDaemon(true);
    t.start();
    return aws;
  }

  private Optional<Seeded> seed(int port, Instant now, StartedParts parts) {
    MotoServer moto;
    try {
      moto = parts.push("moto_server", MotoServer.start(port));
    } catch (IllegalStateException e) {
      problem = firstLine(e.getMessage());
      return Optional.empty();
    }
    ScenarioSeeder seeder = parts.push("scenario seeder", new ScenarioSeeder(moto.endpoint()));
    Scenario scenario = seeder.createFleet(now);
    return Optional.of(new Seeded(moto, seeder, scenario, seeder.seedHistory(now)));
  }

  /** Waits for moto and the scenario; empty when moto is not available. */
  Optional<Seeded> await() {
    try {
      return starting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Lets a half-way start finish, so that what it starts is on the stack and gets stopped too. */
  void settle() {
    try {
      starting.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Its failure was reported (or is irrelevant now); only its side effects matter here.
    }
  }

  /** Why moto is not available (first line of the start-up failure). */
  String problem() {
    return problem;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
