package io.watchstream.processor.app;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Kafka Streams' public {@link ProcessorWrapper} ({@code processor.wrapper.class}, KIP-1112): times every
 * {@code process()} call of every processor in the topology into the application's {@link InFlightRecords},
 * without touching the rule processors. The records object reaches the wrapper as the config entry
 * {@link #IN_FLIGHT_CONFIG} (an object, not a string); without it the wrapper passes processors through.
 */
public final class RecordTimingWrapper implements ProcessorWrapper {

  /** Streams config entry holding the application's {@link InFlightRecords}. */
  public static final String IN_FLIGHT_CONFIG = "watchstream.in.flight.records";

  private InFlightRecords inFlight;

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(IN_FLIGHT_CONFIG) instanceof InFlightRecords records) {
      inFlight = records;
    }
  }

  @Override
  public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(String name,
      ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
    InFlightRecords records = inFlight;
    if (records == null) {
      return ProcessorWrapper.asWrapped(supplier);
    }
    return new WrappedProcessorSupplier<>() {
      @Override
      public Set<StoreBuilder<?>> stores() {
        return supplier.stores();
      }

      @Override
      public Processor<KIn, VIn, KOut, VOut> get() {
        return new Timed<>(name, supplier.get(), records);
      }
    };
  }

  @Override
  public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(String name,
      FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
    InFlightRecords records = inFlight;
    if (records == null) {
      return ProcessorWrapper.asWrappedFixedKey(supplier);
    }
    return new WrappedFixedKeyProcessorSupplier<>() {
      @Override
      public Set<StoreBuilder<?>> stores() {
        return supplier.stores();
      }

      @Override
      public FixedKeyProcessor<KIn, VIn, VOut> get() {
        return new TimedFixedKey<>(name, supplier.get(), records);
      }
    };
  }

  private static String source(java.util.Optional<RecordMetadata> metadata) {
    return metadata.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("");
  }

  private static final class Timed<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private final String name;
    private final Processor<KIn, VIn, KOut, VOut> delegate;
    private final InFlightRecords records;
    private ProcessorContext<KOut, VOut> context;

    Timed(String name, Processor<KIn, VIn, KOut, VOut> delegate, InFlightRecords records) {
      this.name = name;
      this.delegate = delegate;
      this.records = records;
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
      this.context = context;
      delegate.init(context);
    }

    @Override
    public void process(Record<KIn, VIn> record) {
      records.entered(name, source(context.recordMetadata()));
      try {
        delegate.process(record);
      } finally {
        records.left();
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static final class TimedFixedKey<KIn, VIn, VOut> implements FixedKeyProcessor<KIn, VIn, VOut> {
    private final String name;
    private final FixedKeyProcessor<KIn, VIn, VOut> delegate;
    private final InFlightRecords records;
    private FixedKeyProcessorContext<KIn, VOut> context;

    TimedFixedKey(String name, FixedKeyProcessor<KIn, VIn, VOut> delegate, InFlightRecords records) {
      this.name = name;
      this.delegate = delegate;
      this.records = records;
    }

    @Override
    public void init(FixedKeyProcessorContext<KIn, VOut> context) {
      this.context = context;
      delegate.init(context);
    }

    @Override
    public void process(FixedKeyRecord<KIn, VIn> record) {
      records.entered(name, source(context.recordMetadata()));
      try {
        delegate.process(record);
      } finally {
        records.left();
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
