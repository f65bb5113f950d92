package io.watchstream.cli.local;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The progress line shown while local mode starts its parts. On a terminal one line is rewritten in place
 * ({@code \r}) with the elapsed seconds of the current step, then replaced by its outcome; elsewhere (pipes,
 * tests) each step prints one plain line when it begins and one when it ends.
 */
public final class StatusLine implements AutoCloseable {

  private final PrintWriter out;
  private final Ansi ansi;
  private final ScheduledExecutorService ticker;
  private ScheduledFuture<?> tick;
  private String step;
  private long stepStarted;

  public StatusLine(PrintWriter out, Ansi ansi) {
    this.out = out;
    this.ansi = ansi;
    this.ticker = ansi.enabled() ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "local-status");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** Announces that {@code what} is starting. */
  public synchronized void begin(String what) {
    step = what;
    stepStarted = System.nanoTime();
    if (ticker == null) {
      out.println("[local] starting " + what + " ...");
      out.flush();
    } else {
      redraw();
      tick = ticker.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS);
    }
  }

  /** Marks the current step done, with a detail such as its address. */
  public synchronized void done(String detail) {
    finish(ansi.green("✓") + " " + step + (detail.isEmpty() ? "" : " " + ansi.dim(detail)));
  }

  /** Marks the current step skipped or degraded, with the reason. */
  public synchronized void warn(String detail) {
    finish(ansi.yellow("!") + " " + step + " " + detail);
  }

  /** Marks the current step failed. */
  public synchronized void failed(String detail) {
    finish(ansi.red("✗") + " " + step + " " + detail);
  }

  /** A line of its own, between steps. */
  public synchronized void info(String line) {
    out.println("[local] " + line);
    out.flush();
  }

  private void finish(String line) {
    if (tick != null) {
      tick.cancel(false);
      tick = null;
    }
    String elapsed = String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - stepStarted) / 1e9);
    out.print(ansi.enabled() ? "\r\u001b[2K" : "");
    out.println("[local] " + line + ansi.dim(elapsed));
    out.flush();
  }

  private synchronized void redraw() {
    if (step == null) {
      return;
    }
    out.printf(Locale.ROOT, "\r\u001b[2K[local] starting %s ... %.0f s", step, (System.nanoTime() - stepStarted) / 1e9);
    out.flush();
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
