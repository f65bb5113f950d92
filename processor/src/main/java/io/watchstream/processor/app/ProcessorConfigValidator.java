package io.watchstream.processor.app;

import io.watchstream.runtime.config.FieldProblem;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.schemas.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a bound {@link ProcessorConfig} that its types cannot express; each problem names its key. They
 * refuse at load time what Kafka Streams or the processor would refuse later anyway (a zero evaluation interval
 * cannot be scheduled), not more.
 */
public final class ProcessorConfigValidator {

  public static List<FieldProblem> problems(ProcessorConfig c) {
    List<FieldProblem> p = new ArrayList<>();
    ProcessorConfig.Kafka k = c.kafka();
    notBlank(p, "kafka.bootstrapServers", k.bootstrapServers());
    notBlank(p, "kafka.schemaRegistryUrl", k.schemaRegistryUrl());
    notBlank(p, "kafka.applicationId", k.applicationId());
    p.addAll(KafkaConnection.problems("kafka", k.properties(), k.registry()));
    notNegative(p, "kafka.commitInterval", k.commitInterval());
    if (k.streamThreads() < 1) {
      p.add(new FieldProblem("kafka.streamThreads", "must be at least 1"));
    }
    if (k.standbyReplicas() < 0) {
      p.add(new FieldProblem("kafka.standbyReplicas", "must not be negative"));
    }
    for (String logical : c.topics().keySet()) {
      if (!TopicNames.LOGICAL.contains(logical)) {
        p.add(new FieldProblem("topics." + logical, "is not a topic (known: " + String.join(", ", TopicNames.LOGICAL) + ")"));
      } else if (c.topics().get(logical) == null || c.topics().get(logical).isBlank()) {
        p.add(new FieldProblem("topics." + logical, "must not be empty"));
      }
    }
    positive(p, "evaluation.interval", c.evaluation().interval());
    positive(p, "evaluation.idleAfter", c.evaluation().idleAfter());
    notNegative(p, "evaluation.maxFutureSkew", c.evaluation().maxFutureSkew().limit());
    notNegative(p, "evaluation.maxPastAge", c.evaluation().maxPastAge().limit());
    ProcessorOpsConfig ops = c.ops();
    if (ops.httpPort() < -1 || ops.httpPort() > 65535) {
      p.add(new FieldProblem("ops.httpPort", "must be a port number 1-65535, 0 for any free port or -1 for none"));
    }
    positive(p, "ops.stuckRecordAfter", ops.stuckRecordAfter());
    notNegative(p, "ops.replacedRecentlyFor", ops.replacedRecentlyFor());
    notNegative(p, "ops.firstReplaceBackoff", ops.firstReplaceBackoff());
    notNegative(p, "ops.maxReplaceBackoff", ops.maxReplaceBackoff());
    if (ops.maxReplaceBackoff().compareTo(ops.firstReplaceBackoff()) < 0) {
      p.add(new FieldProblem("ops.maxReplaceBackoff", "must not be shorter than ops.firstReplaceBackoff"));
    }
    positive(p, "ops.brokerProbeInterval", ops.brokerProbeInterval());
    positive(p, "ops.peerTimeout", ops.peerTimeout());
    if (ops.advertisedHost().contains(":") && !ops.advertisedHost().startsWith("[")) {
      p.add(new FieldProblem("ops.advertisedHost", "a host name or address without a port (the port is ops.httpPort)"));
    }
    return p;
  }

  private static void notBlank(List<FieldProblem> p, String path, String value) {
    if (value.isBlank()) {
      p.add(new FieldProblem(path, "must not be empty"));
    }
  }

  private static void positive(List<FieldProblem> p, String path, Duration d) {
    if (d.isNegative() || d.isZero()) {
      p.add(new FieldProblem(path, "must be longer than zero"));
    }
  }

  private static void notNegative(List<FieldProblem> p, String path, Duration d) {
    if (d != null && d.isNegative()) {
      p.add(new FieldProblem(path, "must not be negative"));
    }
  }

  private ProcessorConfigValidator() {}
}
