package io.watchstream.notifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  private final Router router = new Router(List.of(
      new Route(Map.of("severity", "critical", "team", "payments"), "#payments-oncall", true),
      new Route(Map.of("severity", "critical"), "#oncall", false),
      new Route(Map.of("rule", "disk-*"), "#storage", false)),
      Map.of("ops", "C0OPS"), "#alerts");

  @Test
  void firstMatchingRouteWins() {
    assertThat(router.channelsFor(AlertBuilder.alarm().build())).containsExactly("#oncall");
  }

  @Test
  void continueAlsoTriesTheFollowingRoutes() {
    assertThat(router.channelsFor(AlertBuilder.alarm().label("team", "payments").build()))
        .containsExactly("#payments-oncall", "#oncall");
  }

  @Test
  void globsMatchRuleIds() {
    assertThat(router.channelsFor(AlertBuilder.alarm().severity("warning").rule("disk-root").build()))
        .containsExactly("#storage");
  }

  @Test
  void unmatchedAlertsGoToTheDefaultChannel() {
    assertThat(router.channelsFor(AlertBuilder.alarm().severity("info").build())).containsExactly("#alerts");
  }

  @Test
  void channelsNamedByTheRuleWinAndAliasesResolve() {
    assertThat(router.channelsFor(AlertBuilder.alarm().channels("ops", "#raw").build()))
        .containsExactly("C0OPS", "#raw");
  }

  @Test
  void dimensionsCanBeMatchedLikeLabels() {
    Router byGroup = new Router(List.of(new Route(Map.of("AutoScalingGroupName", "db-*"), "#db", false)), Map.of(), null);
    assertThat(byGroup.channelsFor(AlertBuilder.alarm().group("db-main").build())).containsExactly("#db");
    assertThat(byGroup.channelsFor(AlertBuilder.alarm().group("web").build())).isEmpty();
  }
}
