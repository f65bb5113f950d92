package io.watchstream.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Kills, by PID, every child process the test kit started, and deletes its temp dirs, when the JVM exits —
 * also when a test failed or never called {@code close()}.
 *
 * <p>Processes are destroyed with their descendants (a launcher script such as {@code moto_server} may fork
 * the real server). Clean shutdown first, forced after a short grace period.
 */
public final class ProcessReaper {

    private static final List<ProcessHandle> PROCESSES = new CopyOnWriteArrayList<>();
    private static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();
    private static final List<AutoCloseable> CLOSEABLES = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "testkit-reaper"));
    }

    private ProcessReaper() {
    }

    /** Registers a child process to be killed at JVM exit. */
    public static void register(Process process) {
        PROCESSES.add(process.toHandle());
    }

    /** Forgets a process that was already stopped. */
    public static void unregister(Process process) {
        PROCESSES.remove(process.toHandle());
    }

    /** Registers a directory to be deleted at JVM exit (after all processes are gone). */
    public static void deleteAtExit(Path dir) {
        DIRECTORIES.add(dir);
    }

    /** Registers something to close at JVM exit, before processes are killed (e.g. an in-JVM broker). */
    public static void closeAtExit(AutoCloseable closeable) {
        CLOSEABLES.add(0, closeable);
    }

    /** Drops something registered with {@link #closeAtExit} once it has been closed. */
    public static void forget(AutoCloseable closeable) {
        CLOSEABLES.remove(closeable);
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

    private static void reapAll() {
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
        }
        for (Path dir : DIRECTORIES) {
            TempDirs.deleteRecursively(dir);
        }
    }
}
