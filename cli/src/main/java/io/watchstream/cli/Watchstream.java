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
    return new CommandLine(new Watchstream()).setExecutionExceptionHandler(Watchstream::refusedConnection);
  }

  /**
   * Kafka or the registry refusing our credentials is an operator's problem with one clear cause: one line saying
   * whose credentials were refused (never the secret), exit 1, no stack trace. Anything else keeps picocli's handling.
   */
  static int refusedConnection(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
    String message = null;
    for (Throwable t = e; t != null && message == null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.watchstream.runtime.kafka.KafkaAuthenticationFailed auth) {
        message = auth.getMessage();
      }
    }
    if (message == null && e instanceof io.watchstream.schemas.SchemaRegistryException r
        && (r.httpStatus() == 401 || r.httpStatus() == 403 || r.httpStatus() == 0)) {
      message = r.getMessage();
    }
    if (message == null) {
      throw e;
    }
    cli.getErr().println("watchstream: " + message);
    cli.getErr().flush();
    return 1;
  }
}
