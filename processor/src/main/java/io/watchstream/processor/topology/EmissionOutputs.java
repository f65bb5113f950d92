package io.watchstream.processor.topology;

import io.watchstream.processor.eval.Emission;
import io.watchstream.schemas.RecordBounds;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards what a rule's evaluation emitted, as the alerts and scaling commands of {@link AlertFactory}, for both rule
 * processors: each record is stamped no earlier than its transition and within the {@link RecordBounds}.
 */
final class EmissionOutputs {
  private EmissionOutputs() {}

  static void forward(ProcessorContext<String, Output> context, RecordBounds bounds, RuleCatalog.Compiled c,
      String seriesKey, Map<String, String> dimensions, List<Emission> emissions, long timestamp) {
    for (Emission e : emissions) {
      for (Output o : AlertFactory.outputs(c.rule(), c.version(), seriesKey, dimensions, e)) {
        context.forward(new Record<>((String) null, o,
            bounds.outputTimestamp(Math.max(timestamp, e.transitionTime()), context.currentSystemTimeMs())));
      }
    }
  }
}
