package io.watchstream.bench.faults;

import io.watchstream.ingest.IngestService;
import java.time.Clock;

/**
 * The ingest service as a child JVM, so a fault test can kill it with SIGKILL:
 * {@code IngestChild <bootstrap> <registryUrl> <motoEndpoint> <topicPrefix>}. Prints {@code STARTED} once it polls.
 */
public final class IngestChild {

  public static void main(String[] args) {
    IngestService ingest = new IngestService(IngestConfigs.of("kill9-ingest", args[0], args[1], args[2], args[3]),
        Clock.systemUTC()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(ingest::close));
    System.out.println("STARTED");
    ingest.runUntilStopped();
  }
}
