package io.watchstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child gets its own session, so a Ctrl-C at the terminal (SIGINT to the foreground process group) reaches the
 * JVM only and its shutdown can stop the services before the parts they use; the child keeps the PID the reaper
 * knows it by.
 */
class ChildProcessTest {

  @Test
  void aChildRunsInItsOwnSessionUnderThePidTheReaperKnows(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isDirectory(Path.of("/proc/self")),
        "needs setsid and /proc (Linux)");
    ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "30"), dir.resolve("sleeper.log"), Map.of());
    try {
      // setsid execs the command in place: by the time it runs, /proc names it 'sleep'
      await().atMost(Duration.ofSeconds(10)).until(() -> stat(child.pid()).contains("(sleep)"));
      assertThat(session(child.pid())).isEqualTo(child.pid()).isNotEqualTo(session(ProcessHandle.current().pid()));
    } finally {
      ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static String stat(long pid) throws Exception {
    return Files.readString(Path.of("/proc/" + pid + "/stat"));
  }

  /** Field 6 of /proc/PID/stat, after the parenthesised command name. */
  private static long session(long pid) throws Exception {
    String s = stat(pid);
    String[] fields = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[3]);
  }
}
