package io.watchstream.cli;

import io.watchstream.notifier.NotifierFactory;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.config.NotifierConfigLoader;
import io.watchstream.runtime.config.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchstream notify --config FILE}: runs the notifier until SIGTERM. Exit code 2 for an invalid
 * configuration (including a missing Slack secret), 1 when the service fails.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
    header = "Tells Slack, SNS and Auto Scaling about alert transitions and scaling commands.",
    description = {
        "Reads the alerts and scaling-commands topics and tells Slack (one message per incident, edited in place),",
        "optionally SNS, and executes opt-in, bounded Auto Scaling changes. Secrets come from env or files."})
final class NotifyCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Notifier configuration (YAML or JSON).")
  Path config;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    NotifierService service;
    try {
      NotifierConfig cfg = NotifierConfigLoader.load(config, System.getenv());
      service = NotifierFactory.create(cfg, System.getenv(), Clock.systemUTC(), NotifierHooks.NONE);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return ConfigException.EXIT_CODE;
    }
    Thread hook = new Thread(service::close, "notify-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      service.run();
      return 0;
    } catch (RuntimeException e) {
      err.println("notify failed: " + e.getMessage());
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // already shutting down: the hook is running
      }
    }
  }
}
