package io.watchstream.runtime.kafka;

import java.nio.file.Path;

/**
 * How to authenticate to the schema registry and which certificates to trust, the {@code kafka.registry} section of
 * every service's file. Either {@code basicAuth} (Confluent Cloud: the API key and secret) or {@code bearerToken};
 * {@code caFile} is a PEM file of the certificate authorities to trust instead of the JVM's (a private CA).
 *
 * <pre>{@code
 * registry:
 *   basicAuth: { username: ABCDEFG, password: { env: SCHEMA_REGISTRY_SECRET } }
 *   caFile: /etc/watchstream/registry-ca.pem
 * }</pre>
 */
public record RegistrySettings(BasicAuth basicAuth, PropertyValue bearerToken, Path caFile) {

  public static final RegistrySettings NONE = new RegistrySettings(null, null, null);

  /** HTTP basic authentication; either part may be a reference. */
  public record BasicAuth(PropertyValue username, PropertyValue password) {}
}
