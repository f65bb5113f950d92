package io.watchstream.testkit;

/**
 * Per-JVM shared real parts for integration tests: one broker, one registry, one moto_server and one Slack
 * stand-in, each started lazily on first use and stopped when the JVM exits (so a module's whole failsafe
 * run pays each start-up once).
 *
 * <p>Because the parts are shared, tests must not depend on a blank state: use unique topic names, subject
 * names and Slack channels, call {@code moto().reset()} / {@code slack().reset()} in {@code @BeforeEach} where
 * leftovers matter. A test that stops or restarts a part (fault tests) should start its own instance with
 * {@code EmbeddedKafka.start()} etc. instead of disturbing the shared one.
 */
public final class RealParts {

    private static EmbeddedKafka kafka;

    private RealParts() {
    }

    /** The shared in-JVM KRaft broker. */
    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
        }
        return kafka;
    }
}
