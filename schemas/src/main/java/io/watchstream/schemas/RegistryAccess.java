package io.watchstream.schemas;

import javax.net.ssl.SSLContext;

/**
 * The credentials and TLS trust {@link HttpSchemaRegistryClient} sends with every request: an {@code Authorization}
 * header value ({@code Basic ...} or {@code Bearer ...}, null for none) and the TLS context for {@code https} URLs
 * (null for the JVM's default trust). {@link #toString()} never shows the header.
 *
 * @param identity who the credentials say we are, for error messages ({@code "user ABC (basic auth)"}), never a secret
 */
public record RegistryAccess(String authorization, SSLContext sslContext, String identity) {

  public static final RegistryAccess NONE = new RegistryAccess(null, null, "no credentials");

  @Override
  public String toString() {
    return "RegistryAccess[" + identity + (sslContext != null ? ", own trust" : "") + "]";
  }
}
