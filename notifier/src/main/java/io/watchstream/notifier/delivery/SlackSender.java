package io.watchstream.notifier.delivery;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** One attempt at a Slack call; retries and rate limits are the caller's ({@link ReliableSlack}). */
public interface SlackSender {

  /** Posts a message (a thread reply when {@code threadTs} is set) and returns where it landed. */
  SlackRef post(String channel, String text, List<LayoutBlock> blocks, String threadTs) throws SlackFailure;

  /** Replaces a posted message in place. */
  void update(SlackRef ref, String text, List<LayoutBlock> blocks) throws SlackFailure;

  /** Bot tokens can edit and thread; incoming webhooks can only post new messages. */
  boolean canEditAndThread();
}
