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
        LocalCommand.class,
        ScoreCommand.class,
        NabCommand.class,
        IngestCommand.class,
        NotifyCommand.class,
        SilenceCommand.class,
        ProcessCommand.class,
        RulesCommand.class,
        ReplayCommand.class,
    })
public final class Watchstream implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line. Picocli already exits with 2 ({@code ExitCode.USAGE}) on invalid input;
   * subcommands return 2 themselves for invalid rule or configuration files, as the README documents.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Watchstream());
  }
}
