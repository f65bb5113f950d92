package io.watchstream.replay.engine;

import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;

/** One {@code schedule(...)} call of a processor in a {@link ReplayTask}: when it fires next, until cancelled. */
final class PunctuationSchedule implements Cancellable {
  final PunctuationType type;
  final long interval;
  final Punctuator punctuator;
  long next;
  boolean cancelled;

  PunctuationSchedule(PunctuationType type, long interval, long first, Punctuator punctuator) {
    this.type = type;
    this.interval = interval;
    this.next = first;
    this.punctuator = punctuator;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }
}
