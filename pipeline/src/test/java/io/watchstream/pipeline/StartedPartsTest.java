package io.watchstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedPartsTest {

  private final List<String> closed = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final StartedParts parts = new StartedParts((name, e) -> failures.add(name + ": " + e.getMessage()));

  @Test
  void closesNewestFirstAndGoesOnPastAFailure() {
    parts.push("broker", () -> closed.add("broker"));
    parts.push("processor", () -> {
      closed.add("processor");
      throw new IllegalStateException("stuck");
    });
    parts.push("notifier", () -> closed.add("notifier"));

    parts.close();
    parts.close();

    assertThat(closed).containsExactly("notifier", "processor", "broker");
    assertThat(failures).containsExactly("processor: stuck");
  }

  @Test
  void aPartPushedAfterCloseIsClosedAtOnce() {
    parts.close();
    AutoCloseable late = () -> closed.add("late");

    assertThat(parts.push("late", late)).isSameAs(late);
    assertThat(closed).containsExactly("late");
  }
}
