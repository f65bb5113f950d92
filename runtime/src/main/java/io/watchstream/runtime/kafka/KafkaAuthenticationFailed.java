package io.watchstream.runtime.kafka;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Kafka refused to let a client in: wrong SASL credentials or a TLS handshake that failed. Kafka clients keep
 * reconnecting after such a failure, slowly, and a service would sit there looking alive; the services turn the
 * first one into this exception, whose message says who we claimed to be, and stop (exit 1, health DOWN).
 */
public final class KafkaAuthenticationFailed extends RuntimeException {

  private KafkaAuthenticationFailed(String message, Throwable cause) {
    super(message, cause);
  }

  /** The failure {@code failure} stands for, when it (or a cause) is an authentication failure of a client built from {@code config}. */
  public static Optional<KafkaAuthenticationFailed> of(Throwable failure, Map<String, ?> config) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KafkaAuthenticationFailed already) {
        return Optional.of(already);
      }
      if (t instanceof AuthenticationException e) {
        return Optional.of(new KafkaAuthenticationFailed(message(e, config), e));
      }
    }
    return Optional.empty();
  }

  /** Rethrows {@code failure} as a {@link KafkaAuthenticationFailed} when it is one; returns otherwise. */
  public static void rethrowIfAuthentication(Throwable failure, Map<String, ?> config) {
    Optional<KafkaAuthenticationFailed> auth = of(failure, config);
    if (auth.isPresent()) {
      throw auth.get();
    }
  }

  private static String message(AuthenticationException e, Map<String, ?> config) {
    Object servers = config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    String who = KafkaConnection.identity(config);
    if (e instanceof SslAuthenticationException) {
      return "Kafka at " + servers + ": the TLS handshake failed for " + who + " (" + e.getMessage()
          + "); check ssl.truststore.* (the broker's CA) and ssl.keystore.* in kafka.properties";
    }
    String what = e instanceof SaslAuthenticationException ? "rejected the credentials for " : "refused to authenticate ";
    return "Kafka at " + servers + " " + what + who + ": " + e.getMessage()
        + "; check sasl.jaas.config (kafka.properties, WATCHSTREAM_KAFKA_SASL_JAAS_CONFIG)";
  }
}
