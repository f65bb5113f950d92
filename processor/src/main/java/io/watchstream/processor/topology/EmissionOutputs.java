package io.watchstream.processor.topology;

import io.watchstream.processor.eval.Emission;
import io.watchstream.schemas.RecordBounds;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards what a rule's evaluation emitted, as the alerts and scaling commands of {@link AlertFactory}, for both rule
 * processors: each record is stamped no earlier than its transition and within the {@link RecordBounds}. Each call is
 * one evaluation of a (rule, series), counted with what it emitted in {@link RuleActivity}.
 */
final class EmissionOutputs {
  private EmissionOutputs() {}

  static void forward(ProcessorContext<String, Output> context, RecordFaults faults, RuleCatalog.Compiled c,
      String seriesKey, Map<String, String> dimensions, List<Emission> emissions, long timestamp) {
    RecordBounds bounds = faults.bounds();
    faults.activity().evaluated(c.rule().kind());
    for (Emission e : emissions) {
      faults.activity().emitted(c.rule().kind(), e);
      for (Output o : AlertFactory.outputs(c.rule(), c.version(), seriesKey, dimensions, e)) {
        context.forward(new Record<>((String) null, o,
            bounds.outputTimestamp(Math.max(timestamp, e.transitionTime()), context.currentSystemTimeMs())));
      }
    }
  }
}
