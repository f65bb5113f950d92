package io.watchstream.bench.harness;

import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;

/** Creates every topic the processor and notifier read or write, for one prefixed catalogue. */
public final class PipelineTopics {

  private PipelineTopics() {
  }

  public static void create(EmbeddedKafka kafka, Topics topics, int partitions) {
    TopicNames n = topics.names();
    for (String t : new String[] {n.metrics(), n.logs(), n.alerts(), n.scalingCommands(), n.anomalyScores(),
        TopicNames.deadLetter(n.metrics()), TopicNames.deadLetter(n.logs()), TopicNames.lateData(n.metrics()),
        TopicNames.lateData(n.logs()), n.rulesRejected(), TopicNames.deadLetter(n.alerts())}) {
      kafka.createTopic(t, partitions);
    }
    kafka.createCompactedTopic(n.rules(), 1);
    kafka.createCompactedTopic(n.notifierState(), 1);
    kafka.createCompactedTopic(n.silences(), 1);
  }
}
