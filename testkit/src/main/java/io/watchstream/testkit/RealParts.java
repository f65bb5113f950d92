package io.watchstream.testkit;

import io.watchstream.sandbox.ApicurioRegistry;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.sandbox.SlackStandIn;

/**
 * Per-JVM shared real parts for integration tests: one broker, one registry, one moto_server and one Slack
 * stand-in, each started lazily on first use and stopped when the JVM exits (so a module's whole failsafe
 * run pays each start-up once).
 *
 * <p>Because the parts are shared, tests must not depend on a blank state: use unique topic names, subject
 * names and Slack channels, and call {@code moto().reset()} / {@code slack().reset()} in {@code @BeforeEach}
 * where leftovers matter. A test that stops or restarts a part (fault tests) should start its own instance
 * with {@code EmbeddedKafka.start()}, {@code ApicurioRegistry.start()}, {@code MotoServer.start()} instead of
 * disturbing the shared one, and close it afterwards.
 */
public final class RealParts {

  private static EmbeddedKafka kafka;
  private static ApicurioRegistry registry;
  private static MotoServer moto;
  private static SlackStandIn slack;

  private RealParts() {
  }

  /** The shared in-JVM KRaft broker. */
  public static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start();
    }
    return kafka;
  }

  /** The shared Apicurio registry (in-memory storage); {@code registry().ccompatUrl()} for the serde. */
  public static synchronized ApicurioRegistry registry() {
    if (registry == null) {
      registry = ApicurioRegistry.start();
    }
    return registry;
  }

  /** The shared moto_server; throws with the install hint when moto is not installed. */
  public static synchronized MotoServer moto() {
    if (moto == null) {
      moto = MotoServer.start();
    }
    return moto;
  }

  /** The shared Slack stand-in. */
  public static synchronized SlackStandIn slack() {
    if (slack == null) {
      slack = SlackStandIn.start();
    }
    return slack;
  }
}
