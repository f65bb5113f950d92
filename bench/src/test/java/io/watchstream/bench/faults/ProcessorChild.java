package io.watchstream.bench.faults;

import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.ProcessorOpsConfig;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor as users run it ({@link ProcessorApp}: its handlers, start-up registration, endpoints on a free
 * port) as a child JVM, so a fault test can kill it with SIGKILL:
 * {@code ProcessorChild <bootstrap> <registryUrl> <topicPrefix> <applicationId> <stateDir>}.
 * Prints {@code RUNNING} once Kafka Streams is running.
 */
public final class ProcessorChild {

  public static void main(String[] args) throws Exception {
    Topics topics = new Topics(TopicNames.withPrefix(args[2]), new HttpSchemaRegistryClient(args[1]));
    ProcessorConfig config = new ProcessorConfig(new ProcessorConfig.Kafka(args[0], args[1], args[3], Path.of(args[4]),
        null, null, null), null, null, null, ProcessorOpsConfig.onPort(0));
    ProcessorApp app = new ProcessorApp(config, topics);
    app.streams().setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        System.out.println("RUNNING");
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    app.start();
    Thread.currentThread().join();
  }
}
