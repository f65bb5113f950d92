package io.watchstream.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest, so --version never drifts from the build. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Watchstream.class.getPackage().getImplementationVersion();
    return new String[] {
        "watchstream " + (v == null ? "(development build)" : v),
        "Java " + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
    };
  }
}
