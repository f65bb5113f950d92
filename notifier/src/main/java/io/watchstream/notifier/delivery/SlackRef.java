package io.watchstream.notifier.delivery;

/** Where a posted message lives: Slack's channel id and message timestamp (both null for webhooks). */
public record SlackRef(String channelId, String ts) {

  public static final SlackRef NONE = new SlackRef(null, null);
}
