package io.watchstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one command-line entry point. Each service and tool is a subcommand; they share
 * configuration files and the same jar, so what runs locally is what runs in production.
 */
@Command(
    name = "watchstream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "CloudWatch metrics and logs -> Kafka Streams alert rules -> Slack, SNS and Auto Scaling.",
    subcommands = {
        CommandLine.HelpCommand.class,
    })
public final class Watchstream implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Exit code 2 for bad input (usage errors, invalid rule or config files), as documented in the README. */
  public static CommandLine commandLine() {
    return new CommandLine(new Watchstream()).setExitCodeOnInvalidInput(2);
  }
}
