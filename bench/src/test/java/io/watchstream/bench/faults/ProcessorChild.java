package io.watchstream.bench.faults;

import io.watchstream.bench.phases.LiveProcessor;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The live processor topology as a child JVM, so a fault test can kill it with SIGKILL:
 * {@code ProcessorChild <bootstrap> <registryUrl> <topicPrefix> <applicationId> <stateDir>}.
 * Prints {@code RUNNING} once Kafka Streams is running.
 */
public final class ProcessorChild {

  public static void main(String[] args) throws Exception {
    Topics topics = new Topics(TopicNames.withPrefix(args[2]), new HttpSchemaRegistryClient(args[1]));
    KafkaStreams streams = LiveProcessor.create(args[0], args[1], topics, args[3], Path.of(args[4]));
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        System.out.println("RUNNING");
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
    streams.start();
    Thread.currentThread().join();
  }
}
