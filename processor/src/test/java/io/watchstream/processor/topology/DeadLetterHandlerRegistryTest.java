package io.watchstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.schemas.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** A registry that gave no answer is fault-model case (b): the record is never dead-lettered, the task fails instead. */
class DeadLetterHandlerRegistryTest {

  record Context(String topic, int partition, long offset) implements ErrorHandlerContext {
    public Headers headers() {
      return new RecordHeaders();
    }

    public String processorNodeId() {
      return "threshold-rules";
    }

    public TaskId taskId() {
      return new TaskId(0, partition);
    }

    public long timestamp() {
      return 0;
    }

    public byte[] sourceRawKey() {
      return new byte[] {1};
    }

    public byte[] sourceRawValue() {
      return new byte[] {2};
    }
  }

  private static final Context CONTEXT = new Context("metrics", 1, 7);
  private static final ConsumerRecord<byte[], byte[]> RAW = new ConsumerRecord<>("metrics", 1, 7, new byte[] {1}, new byte[] {2});
  private static final SchemaRegistryException UNREACHABLE = new SchemaRegistryException("gone", -1, -1, null);
  private static final SchemaRegistryException UNKNOWN_ID = new SchemaRegistryException("no such id", 404, 40403, null);

  private static DeadLetterHandler deserialization() {
    DeadLetterHandler h = new DeadLetterHandler();
    h.configure(Map.of());
    return h;
  }

  @Test
  void aRecordThatCouldNotBeDecodedBecauseTheRegistryWasAwayIsNotDeadLettered() {
    var response = deserialization().handleError(CONTEXT, RAW, new SerializationException("x", UNREACHABLE));
    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void aRecordWithAnUnknownSchemaIdIsABadRecordAndIsDeadLettered() {
    var response = deserialization().handleError(CONTEXT, RAW, new SerializationException("x", UNKNOWN_ID));
    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo("metrics.dlq"));
  }

  @Test
  void anOutputThatCouldNotBeSerializedBecauseTheRegistryWasAwayDoesNotDeadLetterTheInput() {
    var response = new DeadLetterHandler.Processing().handleError(CONTEXT, new Record<>("k", "v", 0),
        new StreamsException("cannot send", new SerializationException("y", UNREACHABLE)));
    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }
}
