package io.watchstream.cli.local;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Watches the emulated Auto Scaling group and prints each change of its desired capacity, e.g.
 * {@code web-asg desired capacity 3 → 4}: the visible end of the scale-out path (rule → scaling command →
 * notifier → Auto Scaling). Polls every two seconds; an unreachable endpoint is skipped quietly.
 */
public final class ScalingWatcher implements AutoCloseable {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "local-scaling-watch");
    t.setDaemon(true);
    return t;
  });
  private final IntSupplier desiredCapacity;
  private final String group;
  private final PrintWriter out;
  private final Ansi ansi;
  private volatile int last;

  public ScalingWatcher(String group, IntSupplier desiredCapacity, int initial, PrintWriter out, Ansi ansi) {
    this.group = group;
    this.desiredCapacity = desiredCapacity;
    this.last = initial;
    this.out = out;
    this.ansi = ansi;
    scheduler.scheduleWithFixedDelay(this::check, 2, 2, TimeUnit.SECONDS);
  }

  /** The desired capacity last seen. */
  public int lastSeen() {
    return last;
  }

  void check() {
    try {
      int now = desiredCapacity.getAsInt();
      if (now != last) {
        synchronized (out) {
          out.println(ansi.cyan("[scaling] " + group + " desired capacity " + last + " → " + now));
          out.flush();
        }
        last = now;
      }
    } catch (RuntimeException e) {
      // The emulator is going down or busy; the next check will tell.
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
