package io.watchstream.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Kills, by PID, every child process the sandbox started, and deletes its temp dirs, when the JVM exits —
 * also when a test failed or never called {@code close()}.
 *
 * <p>Processes are destroyed with their descendants (a launcher script may fork the real server): SIGTERM
 * first, SIGKILL after a grace period. A JVM killed outright (SIGKILL, e.g. a failsafe fork timeout) runs no
 * shutdown hook, so each child is also noted in a small file under {@code <tmp>/watchstream-sandbox-children};
 * the next JVM that loads this class kills children whose owning JVM is gone (matching PID and start time,
 * so a reused PID is never hit).
 */
public final class ProcessReaper {

  private static final Path REGISTRY_DIR = Path.of(System.getProperty("java.io.tmpdir"), "watchstream-sandbox-children");
  private static final long OWN_PID = ProcessHandle.current().pid();
  private static final List<ProcessHandle> PROCESSES = new CopyOnWriteArrayList<>();
  private static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();
  private static final List<AutoCloseable> CLOSEABLES = new CopyOnWriteArrayList<>();
  private static final List<AutoCloseable> FIRST = new CopyOnWriteArrayList<>();

  static {
    killOrphansOfDeadJvms();
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "sandbox-reaper"));
  }

  private ProcessReaper() {
  }

  /** Registers a child process to be killed at JVM exit. */
  public static void register(Process process) {
    register(process, null);
  }

  /**
   * Registers a child process to be killed at JVM exit, and its working directory to be deleted with it
   * should this JVM die without running its shutdown hooks.
   */
  public static void register(Process process, Path workDir) {
    ProcessHandle handle = process.toHandle();
    PROCESSES.add(handle);
    handle.info().startInstant().ifPresent(started -> {
      try {
        Files.createDirectories(REGISTRY_DIR);
        Files.writeString(noteFor(handle), started + (workDir == null ? "" : "\n" + workDir.toAbsolutePath()),
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        // Only the crash fallback is lost; the shutdown hook still covers normal exits.
      }
    });
  }

  /** Forgets a process that was already stopped. */
  public static void unregister(Process process) {
    PROCESSES.remove(process.toHandle());
    try {
      Files.deleteIfExists(noteFor(process.toHandle()));
    } catch (IOException e) {
      // A stale note is harmless: its PID and start time no longer match a live process.
    }
  }

  /** Registers a directory to be deleted at JVM exit (after all processes are gone). */
  public static void deleteAtExit(Path dir) {
    DIRECTORIES.add(dir);
  }

  /** Registers something to close at JVM exit, before processes are killed (e.g. an in-JVM broker). */
  /**
   * Closed at JVM exit before every part and process, in the same shutdown hook: what uses the parts (local mode's
   * services) stops while they are still there. JVM shutdown hooks run at the same time, so a hook of its own would
   * race the reaper and lose.
   */
  public static void closeFirstAtExit(AutoCloseable closeable) {
    FIRST.add(0, closeable);
  }

  public static void closeAtExit(AutoCloseable closeable) {
    CLOSEABLES.add(0, closeable);
  }

  /** Drops something registered with {@link #closeAtExit} or {@link #closeFirstAtExit} once it has been closed. */
  public static void forget(AutoCloseable closeable) {
    CLOSEABLES.remove(closeable);
    FIRST.remove(closeable);
  }

  /** Kills a process and its descendants by PID: SIGTERM, then SIGKILL after {@code graceMillis}. */
  public static void kill(ProcessHandle process, long graceMillis) {
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process);
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Nothing more we can do for a process that survives SIGKILL.
      }
    }
  }

  private static Path noteFor(ProcessHandle child) {
    return REGISTRY_DIR.resolve(OWN_PID + "-" + child.pid());
  }

  private static void reapAll() {
    for (AutoCloseable closeable : FIRST) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Keep going: the parts must still be stopped.
      }
    }
    for (AutoCloseable closeable : CLOSEABLES) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Keep going: the remaining processes must die even if one close failed.
      }
    }
    for (ProcessHandle process : PROCESSES) {
      if (process.isAlive()) {
        kill(process, 1_000);
      }
      try {
        Files.deleteIfExists(noteFor(process));
      } catch (IOException e) {
        // Harmless, see unregister.
      }
    }
    for (Path dir : DIRECTORIES) {
      TempDirs.deleteRecursively(dir);
    }
  }

  static void killOrphansOfDeadJvms() {
    if (!Files.isDirectory(REGISTRY_DIR)) {
      return;
    }
    try (DirectoryStream<Path> notes = Files.newDirectoryStream(REGISTRY_DIR)) {
      for (Path note : notes) {
        String[] pids = note.getFileName().toString().split("-");
        if (pids.length != 2) {
          continue;
        }
        long owner = Long.parseLong(pids[0]);
        if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        List<String> lines = Files.readAllLines(note, StandardCharsets.UTF_8);
        Instant started = Instant.parse(lines.get(0).trim());
        Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(pids[1]));
        if (child.isPresent() && child.get().info().startInstant().map(started::equals).orElse(false)) {
          System.out.println("[sandbox] Killing pid " + pids[1] + " left behind by dead JVM " + owner);
          kill(child.get(), 1_000);
        }
        if (lines.size() > 1 && lines.get(1).contains("watchstream-")) {
          TempDirs.deleteRecursively(Path.of(lines.get(1).trim()));
        }
        Files.deleteIfExists(note);
      }
    } catch (IOException | RuntimeException e) {
      // Best effort clean-up of an earlier crash; never fail the current run because of it.
    }
  }
}
