package io.watchstream.notifier.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.notifier.engine.Alert;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.engine.GroupKey;
import io.watchstream.notifier.engine.GroupState;
import io.watchstream.notifier.engine.Member;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void groupStateRoundTripsThroughTheStateTopicFormat() {
    Alert a = AlertBuilder.alarm().values(1.0, null, 3.5).build();
    GroupState g = new GroupState(new GroupKey("#c", "cpu-high", "*"), "C1", "1.0001",
        Instant.parse("2026-11-25T14:00:00Z"), Instant.parse("2026-11-25T14:00:10Z"),
        Map.of(a.seriesKey(), new Member(a, a.transitionTime(), true)));
    String json = Json.write(g);
    assertThat(json).doesNotContain("\"resolved\"").doesNotContain("\"flip\"").contains("\"slackTs\":\"1.0001\"");
    assertThat(Json.read(json, GroupState.class)).isEqualTo(g);
  }
}
