package io.watchstream.notifier.delivery;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.block.LayoutBlock;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Bot-token mode through the Slack SDK's Web API client: {@code chat.postMessage} (with
 * {@code thread_ts} for replies) and {@code chat.update}. Link unfurling is off so that nothing in an
 * alert makes Slack fetch a URL. The token lives inside the SDK client and is never logged.
 */
public final class BotTokenSlackSender implements SlackSender {

  /** Slack API errors that a retry may cure. */
  private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
      "service_unavailable", "request_timeout");

  /**
   * The token itself is refused: every message would fail the same way until an operator fixes the token, so
   * these wait like an outage instead of dead-lettering every alert. Everything else (channel_not_found,
   * invalid_blocks, msg_too_long, ...) is about one message and is final.
   */
  private static final Set<String> AUTH_ERRORS = Set.of("invalid_auth", "not_authed", "account_inactive",
      "token_revoked", "token_expired", "no_permission", "missing_scope", "not_allowed_token_type",
      "team_access_not_granted", "ekm_access_denied");

  private final MethodsClient methods;

  public BotTokenSlackSender(Slack slack, Secret token) {
    this.methods = slack.methods(token.reveal());
  }

  @Override
  public SlackRef post(String channel, String text, List<LayoutBlock> blocks, String threadTs) throws SlackFailure {
    try {
      ChatPostMessageResponse r = methods.chatPostMessage(req -> req.channel(channel).text(text).blocks(blocks)
          .threadTs(threadTs).unfurlLinks(false).unfurlMedia(false).mrkdwn(true));
      if (!r.isOk()) {
        throw apiError("chat.postMessage", r.getError());
      }
      return new SlackRef(r.getChannel(), r.getTs());
    } catch (SlackApiException e) {
      throw httpError("chat.postMessage", e);
    } catch (IOException e) {
      throw new SlackFailure(SlackFailure.Kind.TRANSIENT, "chat.postMessage: " + e.getClass().getSimpleName(), null);
    } catch (RuntimeException e) {
      // An answer the SDK cannot read (a proxy's error page, a truncated body) says nothing about this message.
      throw new SlackFailure(SlackFailure.Kind.TRANSIENT, "chat.postMessage: unreadable answer (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  @Override
  public void update(SlackRef ref, String text, List<LayoutBlock> blocks) throws SlackFailure {
    try {
      ChatUpdateResponse r = methods.chatUpdate(req -> req.channel(ref.channelId()).ts(ref.ts()).text(text).blocks(blocks));
      if (!r.isOk()) {
        throw apiError("chat.update", r.getError());
      }
    } catch (SlackApiException e) {
      throw httpError("chat.update", e);
    } catch (IOException e) {
      throw new SlackFailure(SlackFailure.Kind.TRANSIENT, "chat.update: " + e.getClass().getSimpleName(), null);
    } catch (RuntimeException e) {
      // An answer the SDK cannot read (a proxy's error page, a truncated body) says nothing about this message.
      throw new SlackFailure(SlackFailure.Kind.TRANSIENT, "chat.update: unreadable answer (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  @Override
  public boolean canEditAndThread() {
    return true;
  }

  private static SlackFailure apiError(String method, String error) {
    SlackFailure.Kind kind = TRANSIENT_ERRORS.contains(error) ? SlackFailure.Kind.TRANSIENT
        : AUTH_ERRORS.contains(error) ? SlackFailure.Kind.AUTH
        : SlackFailure.Kind.PERMANENT;
    return new SlackFailure(kind, method + ": " + error, null);
  }

  private static SlackFailure httpError(String method, SlackApiException e) {
    int status = e.getResponse().code();
    return SlackFailure.forStatus(status, e.getResponse().header("Retry-After"), method);
  }
}
