package io.watchstream.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.engine.EngineSettings;
import io.watchstream.notifier.engine.IncidentEngine;
import io.watchstream.notifier.engine.Notification;
import io.watchstream.notifier.engine.SilenceBook;
import io.watchstream.notifier.slack.ConsoleLinks;
import io.watchstream.notifier.slack.HostileText;
import io.watchstream.notifier.slack.IncidentMessageRenderer;
import io.watchstream.notifier.slack.SlackReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile text in a log line, a reason or a dimension value cannot add anything Slack interprets to any message the
 * notifier sends: the incident message, its notification text, the thread reply, the webhook message. Each is taken
 * as the JSON the Slack SDK sends (its own Gson) and every text in it is read with {@link SlackReader}; what it finds
 * must be exactly what it finds in the same messages rendered from benign text.
 */
class HostileTextPropertyTest {

  private static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");
  private static final String BENIGN = "benign";
  private static final Map<String, List<String>> BENIGN_TEXTS = new java.util.concurrent.ConcurrentHashMap<>();

  private record Sent(String text, List<LayoutBlock> blocks) {
  }

  private static final class CapturingSender implements SlackSender {
    final List<Sent> sent = new ArrayList<>();
    final boolean bot;

    CapturingSender(boolean bot) {
      this.bot = bot;
    }

    @Override
    public SlackRef post(String channel, String text, List<LayoutBlock> blocks, String threadTs) {
      sent.add(new Sent(text, blocks));
      return bot ? new SlackRef("C1", "1700000000.00000" + sent.size()) : SlackRef.NONE;
    }

    @Override
    public void update(SlackRef ref, String text, List<LayoutBlock> blocks) {
      sent.add(new Sent(text, blocks));
    }

    @Override
    public boolean canEditAndThread() {
      return bot;
    }
  }

  // Built once: a ReliableSlack's metrics registry costs more to make than a whole try.
  private static final CapturingSender BOT = new CapturingSender(true);
  private static final CapturingSender WEBHOOK = new CapturingSender(false);
  private static final IncidentPublisher BOT_PUBLISHER = publisher(BOT);
  private static final IncidentPublisher WEBHOOK_PUBLISHER = publisher(WEBHOOK);

  private static IncidentPublisher publisher(CapturingSender sender) {
    return new IncidentPublisher(new ReliableSlack(sender, new ChannelRateLimiter(Duration.ZERO), RetryPolicy.defaults(),
        Clock.fixed(T0, ZoneOffset.UTC), d -> { }), new IncidentMessageRenderer(new ConsoleLinks("eu-west-1")));
  }

  @Provide
  Arbitrary<String> hostile() {
    return HostileText.strings();
  }

  @Property(tries = 250)
  void hostileTextAddsNothingSlackInterpretsInBotMode(@ForAll("hostile") String hostile, @ForAll boolean logRule) throws Exception {
    assertSameInterpretations(true, hostile, logRule);
  }

  @Property(tries = 100)
  void hostileTextAddsNothingSlackInterpretsInWebhookMode(@ForAll("hostile") String hostile, @ForAll boolean logRule) throws Exception {
    assertSameInterpretations(false, hostile, logRule);
  }

  private static void assertSameInterpretations(boolean bot, String hostile, boolean logRule) throws Exception {
    List<String> attacked = texts(bot, hostile, logRule);
    List<String> benign = BENIGN_TEXTS.computeIfAbsent(bot + "/" + logRule, k -> {
      try {
        return texts(bot, BENIGN, logRule);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(attacked).hasSameSizeAs(benign);
    for (int i = 0; i < attacked.size(); i++) {
      assertThat(SlackReader.read(attacked.get(i)))
          .as("text %d of the messages rendered from %s:%n%s", i, HostileText.show(hostile), attacked.get(i))
          .isEqualTo(SlackReader.read(benign.get(i)));
    }
  }

  /** Every text of every message sent for an ALARM and then an OK of one series carrying {@code untrusted}. */
  private static List<String> texts(boolean bot, String untrusted, boolean logRule) throws Exception {
    CapturingSender sender = bot ? BOT : WEBHOOK;
    sender.sent.clear();
    IncidentPublisher publisher = bot ? BOT_PUBLISHER : WEBHOOK_PUBLISHER;
    IncidentEngine<Object> engine = new IncidentEngine<>(new EngineSettings(true, Duration.ZERO, Duration.ofHours(1), 5,
        Duration.ofMinutes(10), Duration.ofMinutes(10)), new SilenceBook());
    Map<String, String> dims = new LinkedHashMap<>();
    if (logRule) {
      dims.put("logGroup", untrusted);
    } else {
      dims.put("AutoScalingGroupName", untrusted);
      dims.put("InstanceId", untrusted);
    }
    AlertBuilder alarm = AlertBuilder.alarm().dimensions(dims).reason("matched: " + untrusted);
    AlertBuilder ok = AlertBuilder.ok().at(T0.plusSeconds(300)).dimensions(dims).reason(untrusted);
    if (logRule) {
      alarm.kind("log-new-term");
      ok.kind("log-new-term");
    }
    for (AlertBuilder a : List.of(alarm, ok)) {
      for (Notification<Object> n : engine.offer("#ops", a.build(), a, T0).notifications()) {
        SlackRef ref = publisher.publish(n);
        engine.delivered(n, ref.channelId(), ref.ts(), T0);
      }
    }
    List<String> out = new ArrayList<>();
    for (Sent s : sender.sent) {
      out.addAll(SlackReader.renderedTexts(s.text(), s.blocks()));
    }
    return out;
  }
}
