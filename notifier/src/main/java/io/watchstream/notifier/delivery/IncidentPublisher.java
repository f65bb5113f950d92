package io.watchstream.notifier.delivery;

import static com.slack.api.model.block.Blocks.section;
import static io.watchstream.notifier.slack.SlackText.mrkdwn;

import com.slack.api.model.block.LayoutBlock;
import io.watchstream.notifier.engine.GroupState;
import io.watchstream.notifier.engine.Notification;
import io.watchstream.notifier.slack.IncidentMessageRenderer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an engine {@link Notification} into Slack calls. Bot mode keeps one message per incident:
 * POST is {@code chat.postMessage}; UPDATE is {@code chat.update} of that message (so its header shows
 * ALARM, FLAPPING or RESOLVED) plus a thread reply describing the transition. Webhook mode cannot edit,
 * so every notification is a new message with the change on top.
 */
public final class IncidentPublisher {

  private final ReliableSlack slack;
  private final IncidentMessageRenderer renderer;

  public IncidentPublisher(ReliableSlack slack, IncidentMessageRenderer renderer) {
    this.slack = slack;
    this.renderer = renderer;
  }

  /** Delivers {@code n} and returns where the incident message lives (unchanged for updates). */
  public SlackRef publish(Notification<?> n) throws SlackFailure, InterruptedException {
    GroupState group = n.group();
    String channel = group.key().channel();
    List<LayoutBlock> blocks = renderer.blocks(group);
    String text = renderer.fallbackText(group);
    if (!slack.canEditAndThread()) {
      List<LayoutBlock> withChange = new ArrayList<>();
      String reply = n.kind() == Notification.Kind.UPDATE ? renderer.replyText(n) : "";
      if (!reply.isEmpty()) {
        withChange.add(section(s -> s.text(mrkdwn(reply))));
      }
      withChange.addAll(blocks);
      return slack.post(channel, text, withChange, null);
    }
    if (n.kind() == Notification.Kind.POST || group.slackTs() == null) {
      // An UPDATE whose original post was dead-lettered starts a fresh message rather than editing nothing.
      return slack.post(channel, text, blocks, null);
    }
    SlackRef ref = new SlackRef(group.slackChannelId(), group.slackTs());
    slack.update(channel, ref, text, blocks);
    String reply = renderer.replyText(n);
    if (!reply.isEmpty()) {
      slack.post(channel, ref.channelId() != null ? ref.channelId() : channel, reply, null, ref.ts());
    }
    return ref;
  }
}
