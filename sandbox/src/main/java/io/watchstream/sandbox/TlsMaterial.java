package io.watchstream.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost} with its private key, made at test time by
 * {@code openssl} (Debian package {@code openssl}): PEM files the broker, nginx and the clients' trust all read. The
 * certificate is its own CA, so trusting {@link #certificate()} is trusting the server.
 */
public record TlsMaterial(Path certificate, Path privateKey) {

  /** How to get openssl when it is missing; part of the exception message. */
  public static final String INSTALL_HINT = "apt-get install -y openssl";

  /** Generates a fresh key pair and certificate (2 days) in {@code dir}. */
  public static TlsMaterial generate(Path dir) {
    Path cert = dir.resolve("server-cert.pem");
    Path key = dir.resolve("server-key.pem");
    List<String> command = List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout", key.toString(), "-out", cert.toString());
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("openssl could not make a test certificate: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("openssl is not installed; the TLS tests need it: " + INSTALL_HINT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making a test certificate", e);
    }
    return new TlsMaterial(cert, key);
  }

  public String certificatePem() {
    return read(certificate);
  }

  public String privateKeyPem() {
    return read(privateKey);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
