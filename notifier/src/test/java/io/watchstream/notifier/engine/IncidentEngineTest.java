package io.watchstream.notifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.AlarmState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentEngineTest {

  private static final String CH = "#alerts";
  private final Instant t0 = Instant.parse("2026-11-25T14:00:00Z");
  private final SilenceBook silences = new SilenceBook();
  private final EngineSettings settings = new EngineSettings(true, Duration.ofSeconds(10), Duration.ofHours(1),
      3, Duration.ofMinutes(10), Duration.ofMinutes(5));
  private final IncidentEngine<Object> engine = new IncidentEngine<>(settings, silences);

  private Notification<Object> postFirst(Alert alert) {
    assertThat(engine.offer(CH, alert, "src", t0).retained()).isTrue();
    List<Notification<Object>> due = engine.tick(t0.plusSeconds(10)).notifications();
    assertThat(due).hasSize(1);
    engine.delivered(due.get(0), "C1", "1700000000.000100", t0.plusSeconds(10));
    return due.get(0);
  }

  @Test
  void seriesOfOneRuleFiringWithinTheGroupWaitShareOneMessage() {
    engine.offer(CH, AlertBuilder.alarm().instance("i-1").build(), 1, t0);
    engine.offer(CH, AlertBuilder.alarm().instance("i-2").build(), 2, t0.plusSeconds(4));
    engine.offer(CH, AlertBuilder.alarm().instance("i-3").build(), 3, t0.plusSeconds(9));
    assertThat(engine.tick(t0.plusSeconds(9)).notifications()).isEmpty();

    List<Notification<Object>> due = engine.tick(t0.plusSeconds(10)).notifications();

    assertThat(due).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Notification.Kind.POST);
      assertThat(n.group().members()).hasSize(3);
      assertThat(n.sources()).containsExactly(1, 2, 3);
      assertThat(n.alertIds()).hasSize(3);
    });
  }

  @Test
  void differentRulesGetDifferentMessages() {
    engine.offer(CH, AlertBuilder.alarm().rule("cpu-high").build(), 1, t0);
    engine.offer(CH, AlertBuilder.alarm().rule("mem-high").build(), 2, t0);
    assertThat(engine.tick(t0.plusSeconds(10)).notifications()).hasSize(2);
  }

  @Test
  void withoutGroupingEachSeriesIsItsOwnIncident() {
    IncidentEngine<Object> perSeries = new IncidentEngine<>(new EngineSettings(false, Duration.ZERO, Duration.ofHours(1), 3,
        Duration.ofMinutes(10), Duration.ofMinutes(5)), silences);
    var first = perSeries.offer(CH, AlertBuilder.alarm().instance("i-1").build(), 1, t0);
    var second = perSeries.offer(CH, AlertBuilder.alarm().instance("i-2").build(), 2, t0);
    assertThat(first.retained()).isFalse();
    assertThat(first.notifications()).singleElement().extracting(Notification::kind).isEqualTo(Notification.Kind.POST);
    assertThat(second.notifications()).singleElement().extracting(Notification::kind).isEqualTo(Notification.Kind.POST);
  }

  @Test
  void aGroupThatRecoversDuringTheGroupWaitIsDroppedAndItsRecordsReleased() {
    engine.offer(CH, AlertBuilder.alarm().build(), "a", t0);
    engine.offer(CH, AlertBuilder.ok().at(t0.plusSeconds(60)).build(), "b", t0.plusSeconds(5));
    IncidentEngine.Tick<Object> tick = engine.tick(t0.plusSeconds(10));
    assertThat(tick.notifications()).isEmpty();
    assertThat(tick.released()).containsExactly("a", "b");
    assertThat(engine.openGroups()).isEmpty();
  }

  @Test
  void laterTransitionsUpdateThePostedMessageAndRecoveryClosesIt() {
    postFirst(AlertBuilder.alarm().build());
    List<Notification<Object>> ok = engine.offer(CH, AlertBuilder.ok().at(t0.plusSeconds(300)).build(), "ok", t0.plusSeconds(300))
        .notifications();
    assertThat(ok).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Notification.Kind.UPDATE);
      assertThat(n.group().isResolved()).isTrue();
      assertThat(n.group().slackTs()).isEqualTo("1700000000.000100");
      assertThat(n.trigger().toState()).isEqualTo(AlarmState.OK);
    });
    engine.delivered(ok.get(0), null, null, t0.plusSeconds(300));
    assertThat(engine.openGroups()).isEmpty();
  }

  @Test
  void aRecoveryOfAnUnknownIncidentSaysNothing() {
    var outcome = engine.offer(CH, AlertBuilder.ok().build(), "x", t0);
    assertThat(outcome.notifications()).isEmpty();
    assertThat(outcome.retained()).isFalse();
  }

  @Test
  void remindersRepeatAtTheRepeatIntervalWhileStillInAlarm() {
    postFirst(AlertBuilder.alarm().build());
    Instant posted = t0.plusSeconds(10);
    // processor reminders in between are absorbed, not posted
    assertThat(engine.offer(CH, AlertBuilder.alarm().reminder().at(t0.plusSeconds(600)).build(), "r", posted.plusSeconds(600))
        .notifications()).isEmpty();
    assertThat(engine.tick(posted.plus(Duration.ofMinutes(59))).notifications()).isEmpty();

    List<Notification<Object>> due = engine.tick(posted.plus(Duration.ofHours(1))).notifications();

    assertThat(due).singleElement().satisfies(n -> {
      assertThat(n.note()).isEqualTo("Still firing: 1 series in ALARM.");
      assertThat(n.idempotencyKey()).isEqualTo("repeat|#alerts|cpu-high|*|" + posted.toEpochMilli());
    });
    engine.delivered(due.get(0), null, null, posted.plus(Duration.ofHours(1)));
    assertThat(engine.tick(posted.plus(Duration.ofMinutes(61))).notifications()).isEmpty();
  }

  @Test
  void aSilencedAlarmOpensNothing() {
    silences.put(new Silence("s", Map.of("rule", "cpu-high"), t0.minusSeconds(60), t0.plusSeconds(3600), null, "me", "deploy"));
    var outcome = engine.offer(CH, AlertBuilder.alarm().build(), "x", t0);
    assertThat(outcome.notifications()).isEmpty();
    assertThat(outcome.retained()).isFalse();
    assertThat(engine.tick(t0.plusSeconds(30)).notifications()).isEmpty();
  }

  @Test
  void afterASilenceEndsTheNextProcessorReminderOpensTheIncident() {
    silences.put(new Silence("s", Map.of("rule", "cpu-high"), null, t0.plusSeconds(600), null, "me", "deploy"));
    assertThat(engine.offer(CH, AlertBuilder.alarm().build(), "a", t0).retained()).isFalse();
    Instant later = t0.plusSeconds(900);
    var outcome = engine.offer(CH, AlertBuilder.alarm().reminder().at(later).build(), "b", later);
    assertThat(outcome.retained()).isTrue();
    assertThat(engine.tick(later.plusSeconds(10)).notifications()).singleElement()
        .extracting(Notification::kind).isEqualTo(Notification.Kind.POST);
  }

  @Test
  void aSilenceMutesChangesAndRemindersButNotTheResolution() {
    postFirst(AlertBuilder.alarm().instance("i-1").build());
    silences.put(new Silence("s", Map.of("rule", "cpu-high"), null, null, null, "me", "maintenance"));
    assertThat(engine.offer(CH, AlertBuilder.alarm().instance("i-2").build(), "x", t0.plusSeconds(20)).notifications())
        .isEmpty();
    assertThat(engine.tick(t0.plus(Duration.ofHours(2))).notifications()).isEmpty();
    engine.offer(CH, AlertBuilder.ok().instance("i-2").at(t0.plusSeconds(40)).build(), "y", t0.plusSeconds(40));

    List<Notification<Object>> resolved = engine.offer(CH, AlertBuilder.ok().instance("i-1").at(t0.plusSeconds(60)).build(), "z",
        t0.plusSeconds(60)).notifications();

    assertThat(resolved).singleElement().satisfies(n -> assertThat(n.group().isResolved()).isTrue());
  }

  @Test
  void aRecurringMaintenanceWindowMutesOnlyInsideTheWindow() {
    silences.put(new Silence("nightly", Map.of("AutoScalingGroupName", "web-asg"), null, null,
        new Recurrence(Recurrence.parseDays("*"), java.time.LocalTime.of(2, 0), Duration.ofHours(1), java.time.ZoneOffset.UTC),
        "ops", "patching"));
    Instant inside = Instant.parse("2026-11-25T02:30:00Z");
    Instant outside = Instant.parse("2026-11-25T03:30:00Z");
    assertThat(engine.offer(CH, AlertBuilder.alarm().at(inside).build(), "a", inside).retained()).isFalse();
    assertThat(engine.offer(CH, AlertBuilder.alarm().at(outside).build(), "b", outside).retained()).isTrue();
  }

  /** Offers alternating flips 30 s apart, ticking like the delivery loop does, and returns every notification. */
  private List<Notification<Object>> flip(int times, Instant start) {
    List<Notification<Object>> all = new java.util.ArrayList<>();
    Instant t = start;
    AlarmState state = AlarmState.ALARM;
    for (int i = 0; i < times; i++) {
      AlarmState next = state == AlarmState.ALARM ? AlarmState.OK : AlarmState.ALARM;
      t = t.plusSeconds(30);
      List<Notification<Object>> out = new java.util.ArrayList<>(
          engine.offer(CH, AlertBuilder.alarm().from(state).to(next).at(t).build(), i, t).notifications());
      out.addAll(engine.tick(t.plusSeconds(15)).notifications());
      for (Notification n : out) {
        all.add(n);
        engine.delivered(n, "C1", n.kind() == Notification.Kind.POST ? "ts-" + i : null, t.plusSeconds(15));
      }
      state = next;
    }
    return all;
  }

  @Test
  void flappingIsAnnouncedOnceThenHeldUntilStable() {
    postFirst(AlertBuilder.alarm().build());
    Instant start = t0.plusSeconds(60);

    List<Notification<Object>> sent = flip(8, start);

    // the first ALARM was flip 1; flips 2 and 3 are told (resolved, re-posted); the next one exceeds 3 flips
    // in 10 min and is announced once as flapping instead of resolving; the remaining five are held
    assertThat(sent).extracting(Notification::kind).containsExactly(Notification.Kind.UPDATE,
        Notification.Kind.POST, Notification.Kind.UPDATE);
    assertThat(sent.get(2).note()).startsWith("Flapping: more than 3 state changes in 10 min");
    assertThat(sent.get(2).group().isResolved()).isFalse();
    assertThat(engine.openGroups()).singleElement().satisfies(g -> assertThat(g.anyFlapping()).isTrue());

    Instant lastFlip = start.plusSeconds(8 * 30);
    assertThat(engine.tick(lastFlip.plus(Duration.ofMinutes(4))).notifications()).isEmpty();
    List<Notification<Object>> stable = engine.tick(lastFlip.plus(Duration.ofMinutes(5))).notifications();
    assertThat(stable).singleElement().satisfies(n -> {
      assertThat(n.note()).isEqualTo("Stable again, now ALARM.");
      assertThat(n.group().anyFlapping()).isFalse();
    });
  }

  @Test
  void anOpenIncidentThatStartsFlappingGetsOneFlappingNote() {
    IncidentEngine<Object> tolerant = new IncidentEngine<>(new EngineSettings(true, Duration.ZERO, Duration.ofHours(1), 1,
        Duration.ofMinutes(10), Duration.ofMinutes(5)), silences);
    Notification<Object> post = tolerant.offer(CH, AlertBuilder.alarm().instance("i-1").build(), 0, t0).notifications().get(0);
    tolerant.delivered(post, "C1", "ts", t0);
    tolerant.offer(CH, AlertBuilder.alarm().instance("i-2").build(), 1, t0).notifications()
        .forEach(n -> tolerant.delivered(n, null, null, t0));
    // i-2 flips a second time: more than 1 flip in the window, while i-1 keeps the message open
    List<Notification<Object>> flapping = tolerant.offer(CH, AlertBuilder.ok().instance("i-2").at(t0.plusSeconds(30)).build(), 2,
        t0.plusSeconds(30)).notifications();
    assertThat(flapping).singleElement().satisfies(n -> assertThat(n.note()).startsWith("Flapping: more than 1 state"));
    assertThat(tolerant.offer(CH, AlertBuilder.alarm().instance("i-2").at(t0.plusSeconds(60)).build(), 3, t0.plusSeconds(60))
        .notifications()).isEmpty();
  }

  @Test
  void flappingEndingInOkResolvesTheIncident() {
    postFirst(AlertBuilder.alarm().build());
    Instant start = t0.plusSeconds(60);
    flip(5, start);

    Notification<Object> end = engine.tick(start.plusSeconds(5 * 30).plus(Duration.ofMinutes(5))).notifications().get(0);

    assertThat(end.note()).isEqualTo("Stable again, now OK.");
    assertThat(end.group().isResolved()).isTrue();
    engine.delivered(end, null, null, t0.plus(Duration.ofHours(1)));
    assertThat(engine.openGroups()).isEmpty();
  }
}
