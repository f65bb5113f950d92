package io.watchstream.notifier.delivery;

import com.slack.api.Slack;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Incoming-webhook mode through the Slack SDK: each webhook URL is bound to one channel, so channels map
 * to URLs (a secret each). Webhooks cannot edit or thread; every notification is a new message.
 */
public final class WebhookSlackSender implements SlackSender {

  private final Slack slack;
  private final Map<String, Secret> webhookByChannel;
  private final Secret fallbackWebhook;

  public WebhookSlackSender(Slack slack, Map<String, Secret> webhookByChannel, Secret fallbackWebhook) {
    this.slack = slack;
    this.webhookByChannel = Map.copyOf(webhookByChannel);
    this.fallbackWebhook = fallbackWebhook;
  }

  @Override
  public SlackRef post(String channel, String text, List<LayoutBlock> blocks, String threadTs) throws SlackFailure {
    Secret url = webhookByChannel.getOrDefault(channel, fallbackWebhook);
    if (url == null) {
      throw new SlackFailure(SlackFailure.Kind.PERMANENT, "no webhook configured for channel " + channel, null);
    }
    try {
      WebhookResponse r = slack.send(url.reveal(), Payload.builder().text(text).blocks(blocks).build());
      int code = r.getCode() == null ? 0 : r.getCode();
      if (code != 200) {
        throw SlackFailure.forStatus(code, header(r.getHeaders(), "Retry-After"), "webhook: " + abbreviate(r.getBody()));
      }
      return SlackRef.NONE;
    } catch (IOException e) {
      throw new SlackFailure(SlackFailure.Kind.TRANSIENT, "webhook: " + e.getClass().getSimpleName(), null);
    } catch (RuntimeException e) {
      throw new SlackFailure(SlackFailure.Kind.TRANSIENT, "webhook: unreadable answer (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  @Override
  public void update(SlackRef ref, String text, List<LayoutBlock> blocks) {
    throw new UnsupportedOperationException("incoming webhooks cannot edit messages");
  }

  @Override
  public boolean canEditAndThread() {
    return false;
  }

  private static String header(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 100 ? body.substring(0, 100) : body;
  }
}
