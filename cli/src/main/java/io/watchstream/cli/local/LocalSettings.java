package io.watchstream.cli.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code watchstream local} runs with. Ports are fixed by default so the README's addresses work (a taken
 * port stops start-up with a message); 0 means any free port (tests).
 *
 * @param examplesDir  the bundled examples: {@code ingest.yaml}, {@code notifier.yaml}, {@code scenario/*.jsonl}
 * @param rulesFile    the rule file the processor loads ({@code examples/rules.yaml} by default)
 * @param useMoto      false forces the no-moto fallback (replaying the bundled data files)
 * @param slackWebhook an incoming-webhook URL; alerts also go to Slack when set (or a bot token and channel)
 */
public record LocalSettings(int kafkaPort, int registryPort, int motoPort, Path examplesDir, Path rulesFile,
                            boolean useMoto, Optional<String> slackWebhook, Optional<String> slackBotToken,
                            Optional<String> slackChannel, Optional<String> slackApiUrl) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_MOTO_PORT = 5055;

  /** True when alerts should go to Slack as well as to the console. */
  public boolean slackEnabled() {
    return slackWebhook.isPresent() || (slackBotToken.isPresent() && slackChannel.isPresent());
  }
}
