package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.schemas.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class RetryingProductionHandlerTest {

  /** Where the failed write came from: a plain value holder (the handler only reads it). */
  record Context(String topic, int partition, long offset) implements ErrorHandlerContext {
    public Headers headers() {
      return new RecordHeaders();
    }

    public String processorNodeId() {
      return "alerts-sink";
    }

    public TaskId taskId() {
      return new TaskId(1, partition);
    }

    public long timestamp() {
      return 0;
    }

    public byte[] sourceRawKey() {
      return null;
    }

    public byte[] sourceRawValue() {
      return null;
    }
  }

  private static final Context CONTEXT = new Context("metrics", 0, 42);
  private static final ProducerRecord<byte[], byte[]> ALERT = new ProducerRecord<>("alerts", new byte[1], new byte[1]);

  private static RetryingProductionHandler handler(BrokerReachability broker) {
    RetryingProductionHandler h = new RetryingProductionHandler();
    h.configure(Map.of(RetryingProductionHandler.BROKER_REACHABILITY_CONFIG, broker));
    return h;
  }

  @Test
  void aRetriableWriteErrorIsRetriedAndMarksTheBrokerUnreachable() {
    BrokerReachability broker = new BrokerReachability();
    RetryingProductionHandler h = handler(broker);
    assertThat(h.handleError(CONTEXT, ALERT, new TimeoutException("expired")).result()).isEqualTo(Result.RETRY);
    assertThat(h.handleError(CONTEXT, ALERT, new NotLeaderOrFollowerException("moved")).result()).isEqualTo(Result.RETRY);
    assertThat(broker.current()).get().satisfies(u -> assertThat(u.reason()).contains("alerts", "NotLeaderOrFollowerException"));
  }

  @Test
  void anyOtherWriteErrorFailsTheTaskSoTheInputIsProcessedAgain() {
    assertThat(handler(new BrokerReachability()).handleError(CONTEXT, ALERT, new InvalidTopicException("x")).result())
        .isEqualTo(Result.FAIL);
  }

  @Test
  void aRecordTooLargeForTheBrokerIsSkippedBecauseItWouldFailForever() {
    assertThat(handler(new BrokerReachability()).handleError(CONTEXT, ALERT, new RecordTooLargeException("big")).result())
        .isEqualTo(Result.RESUME);
  }

  @Test
  void aSerializerWithoutARegistryAnswerFailsTheTaskAndDropsNothing() {
    var unavailable = new SerializationException(new SchemaRegistryException("gone", -1, -1, null));
    var response = handler(new BrokerReachability()).handleSerializationError(CONTEXT, ALERT, unavailable,
        SerializationExceptionOrigin.KEY);
    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }
}
