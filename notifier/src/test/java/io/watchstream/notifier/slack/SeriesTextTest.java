package io.watchstream.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.notifier.engine.Alert;
import io.watchstream.notifier.engine.AlertBuilder;
import org.junit.jupiter.api.Test;

class SeriesTextTest {

  @Test
  void anomalyAlertsShowTheBand() {
    Alert a = AlertBuilder.alarm().kind("anomaly").band(20, 60, 40).values(97.123).build();
    assertThat(SeriesText.valueText(a)).isEqualTo("*97.12* outside band [20, 60], expected 40");
  }

  @Test
  void missingDataIsSaid() {
    assertThat(SeriesText.valueText(AlertBuilder.alarm().values(1.0, null).build()))
        .isEqualTo("no data (threshold &gt; 80)");
  }
}
