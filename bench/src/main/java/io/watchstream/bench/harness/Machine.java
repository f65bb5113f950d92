package io.watchstream.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the benchmark ran on: cores, memory, JDK and OS, for the header of each result in BENCHMARKS.md. */
public record Machine(int cores, long memoryMiB, String jdk, String os, String cpuModel, long maxHeapMiB, String loadAverage) {

  public static Machine current() {
    return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryMiB(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        readCpuModel(), Runtime.getRuntime().maxMemory() >> 20, currentLoadAverage());
  }

  public String describe() {
    return String.format(Locale.ROOT, "%d cores (%s), %d MiB RAM, %s, %s, bench JVM max heap %d MiB, load average at start %s",
        cores, cpuModel, memoryMiB, jdk, os, maxHeapMiB, loadAverage);
  }

  /** The 1, 5 and 15 minute load averages: on a shared machine they say how much else was running. */
  public static String currentLoadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long totalMemoryMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: fall through to "unknown".
    }
    return -1;
  }

  private static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // Not Linux.
    }
    return "unknown CPU";
  }
}
