package io.watchstream.bench.faults;

import io.watchstream.bench.harness.Notifiers;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.time.Duration;

/**
 * The notifier as a child JVM, so a fault test can kill it with SIGKILL:
 * {@code NotifierChild <bootstrap> <registryUrl> <topicPrefix> <groupId> <webhookUrl>}. Webhook mode, group wait and
 * Slack pacing 0 (the test counts messages, not pacing). Prints {@code STARTED} once it consumes.
 */
public final class NotifierChild {

  public static void main(String[] args) throws Exception {
    Topics topics = new Topics(TopicNames.withPrefix(args[2]), new HttpSchemaRegistryClient(args[1]));
    Notifiers.Running running = Notifiers.start(args[4],
        Notifiers.config(args[0], args[1], topics, args[3], Duration.ZERO, Duration.ZERO));
    Runtime.getRuntime().addShutdownHook(new Thread(running::close));
    System.out.println("STARTED");
    running.thread().join();
  }
}
