package io.watchstream.processor.topology;

import io.watchstream.schemas.DeadLetterHeaders;
import java.util.List;

/**
 * Thrown by a rule processor to hand the record it is processing to {@link DeadLetterHandler.Processing}, which
 * writes it, raw key and value bytes unchanged, to {@code <topic>.dlq} or {@code <topic>.late} with the
 * {@link DeadLetterHeaders}; processing then continues with the next record. Thrown only after everything the
 * record could still do (other rules evaluated, their outputs forwarded, state written) is done.
 *
 * <p>Carries no stack trace: it is control flow for an expected case, not a failure of the processor.
 */
public final class SetAside extends RuntimeException {

  private final DeadLetterHeaders.Kind kind;
  private final String stage;
  private final List<String> ruleIds;

  private SetAside(DeadLetterHeaders.Kind kind, String stage, String reason, List<String> ruleIds, Throwable cause) {
    super(reason, cause, false, false);
    this.kind = kind;
    this.stage = stage;
    this.ruleIds = List.copyOf(ruleIds);
  }

  /** The record itself is unusable or outside the accepted time range; {@code reason} says why. */
  public static SetAside record(DeadLetterHeaders.Kind kind, String stage, String reason) {
    return new SetAside(kind, stage, reason, List.of(), null);
  }

  /** Our code failed on this record for the given rules (the first failure is the cause). */
  public static SetAside ruleDefect(List<String> ruleIds, Throwable cause) {
    return new SetAside(DeadLetterHeaders.Kind.RULE_DEFECT, "evaluate", String.valueOf(cause), ruleIds, cause);
  }

  public DeadLetterHeaders.Kind kind() {
    return kind;
  }

  public String stage() {
    return stage;
  }

  /** The rules involved, comma-separated in the header; empty when none was. */
  public List<String> ruleIds() {
    return ruleIds;
  }

  /** Whether the record goes to {@code <topic>.late} (time) rather than {@code <topic>.dlq}. */
  public boolean toLateTopic() {
    return kind == DeadLetterHeaders.Kind.LATE || kind == DeadLetterHeaders.Kind.OUT_OF_BOUNDS;
  }

  /** The headers the set-aside record carries, on top of its own. */
  public DeadLetterHeaders headers(Iterable<org.apache.kafka.common.header.Header> original, DeadLetterHeaders.Source source) {
    DeadLetterHeaders h = DeadLetterHeaders.from(original).kind(kind).stage(stage).source(source)
        .ruleId(ruleIds.isEmpty() ? null : String.join(",", ruleIds));
    return getCause() == null ? h.reason(getMessage()) : h.error(getCause());
  }
}
