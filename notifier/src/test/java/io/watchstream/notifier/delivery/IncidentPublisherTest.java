package io.watchstream.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.notifier.engine.EngineSettings;
import io.watchstream.notifier.engine.IncidentEngine;
import io.watchstream.notifier.engine.Notification;
import io.watchstream.notifier.engine.SilenceBook;
import io.watchstream.notifier.slack.ConsoleLinks;
import io.watchstream.notifier.slack.IncidentMessageRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentPublisherTest {

  /** Records calls the way Slack would see them. */
  private static final class RecordingSender implements SlackSender {
    final List<String> calls = new ArrayList<>();
    final boolean bot;
    int ts;

    RecordingSender(boolean bot) {
      this.bot = bot;
    }

    @Override
    public SlackRef post(String channel, String text, List<LayoutBlock> blocks, String threadTs) {
      calls.add("post " + channel + (threadTs == null ? "" : " thread=" + threadTs) + (blocks == null ? " text-only" : " blocks=" + blocks.size()));
      return bot ? new SlackRef("C1", "1700000000.00000" + (++ts)) : SlackRef.NONE;
    }

    @Override
    public void update(SlackRef ref, String text, List<LayoutBlock> blocks) {
      calls.add("update " + ref.channelId() + " ts=" + ref.ts() + " blocks=" + blocks.size());
    }

    @Override
    public boolean canEditAndThread() {
      return bot;
    }
  }

  private final Instant t0 = Instant.parse("2026-11-25T14:00:00Z");
  private final IncidentEngine<Object> engine = new IncidentEngine<>(new EngineSettings(true, Duration.ZERO, Duration.ofHours(1), 5,
      Duration.ofMinutes(10), Duration.ofMinutes(10)), new SilenceBook());

  private IncidentPublisher publisher(RecordingSender sender) {
    ReliableSlack slack = new ReliableSlack(sender, new ChannelRateLimiter(Duration.ZERO), RetryPolicy.defaults(),
        Clock.fixed(t0, ZoneOffset.UTC), d -> { });
    return new IncidentPublisher(slack, new IncidentMessageRenderer(new ConsoleLinks("us-east-1")));
  }

  private void deliver(IncidentPublisher p, List<Notification<Object>> ns) throws Exception {
    for (Notification n : ns) {
      SlackRef ref = p.publish(n);
      engine.delivered(n, ref.channelId(), ref.ts(), t0);
    }
  }

  @Test
  void botModePostsOnceThenEditsAndRepliesInTheThread() throws Exception {
    RecordingSender sender = new RecordingSender(true);
    IncidentPublisher p = publisher(sender);
    deliver(p, engine.offer("#a", AlertBuilder.alarm().build(), 1, t0).notifications());
    deliver(p, engine.offer("#a", AlertBuilder.ok().build(), 2, t0).notifications());
    assertThat(sender.calls).containsExactly(
        "post #a blocks=5",
        "update C1 ts=1700000000.000001 blocks=5",
        "post C1 thread=1700000000.000001 text-only");
  }

  @Test
  void webhookModeSendsEveryChangeAsANewMessageWithTheChangeOnTop() throws Exception {
    RecordingSender sender = new RecordingSender(false);
    IncidentPublisher p = publisher(sender);
    deliver(p, engine.offer("#a", AlertBuilder.alarm().build(), 1, t0).notifications());
    deliver(p, engine.offer("#a", AlertBuilder.ok().build(), 2, t0).notifications());
    assertThat(sender.calls).containsExactly("post #a blocks=5", "post #a blocks=6");
  }
}
