package io.watchstream.sandbox;

/** Test helper run as a separate JVM: starts moto, prints its PID, then dies without running shutdown hooks. */
public final class OrphanMaker {

  private OrphanMaker() {
  }

  public static void main(String[] args) {
    MotoServer moto = MotoServer.start();
    System.out.println("MOTO_PORT=" + moto.port());
    System.out.println("MOTO_LOG=" + moto.logFile());
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
