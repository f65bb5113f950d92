package io.watchstream.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks free TCP ports on the loopback interface.
 *
 * <p>A port is found by binding port 0 and closing the socket again; another process could take it in
 * between (a small race we accept because Kafka's controller port and moto's port must be known before
 * the server starts).
 */
public final class FreePorts {

  private FreePorts() {
  }

  /** Returns a port that was free on 127.0.0.1 a moment ago. */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free loopback port", e);
    }
  }

  /** Returns true when nothing listens on 127.0.0.1:port (a bind succeeds). */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // SO_REUSEADDR: connections of a stopped server lingering in TIME_WAIT do not count as "in use"; a listener does.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
