package io.watchstream.notifier;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.delivery.BotTokenSlackSender;
import io.watchstream.notifier.delivery.Secret;
import io.watchstream.notifier.delivery.SlackSender;
import io.watchstream.notifier.delivery.WebhookSlackSender;
import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.ConfigProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the Slack client and the sender of the configured mode (bot token or webhooks), resolving its secrets. */
final class SlackSenders {

  private SlackSenders() {
  }

  static Slack client(NotifierConfig.Slack cfg) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setStatsEnabled(false); // no background auth.test calls
    if (cfg.apiUrl() != null) {
      slackConfig.setMethodsEndpointUrlPrefix(cfg.apiUrl());
    }
    return Slack.getInstance(slackConfig);
  }

  static SlackSender sender(Slack slack, NotifierConfig.Slack cfg, Map<String, String> env) {
    return switch (cfg.mode()) {
      case BOT -> {
        Secret token = secret(cfg.token(), env);
        if (token == null) {
          throw missing("slack.token", "slack bot token not found (set " + cfg.token().env() + " or slack.token.file)");
        }
        yield new BotTokenSlackSender(slack, token);
      }
      case WEBHOOK -> {
        Map<String, Secret> hooksByChannel = new HashMap<>();
        cfg.webhooks().forEach((channel, ref) -> {
          Secret s = secret(ref, env);
          if (s == null) {
            throw missing("slack.webhooks." + channel, "webhook secret for " + channel + " not found");
          }
          hooksByChannel.put(channel, s);
        });
        yield new WebhookSlackSender(slack, hooksByChannel, secret(cfg.defaultWebhook(), env));
      }
    };
  }

  private static ConfigException missing(String field, String problem) {
    return new ConfigException(List.of(new ConfigProblem("notifier", 0, 0, field, problem)));
  }

  static Secret secret(NotifierConfig.SecretRef ref, Map<String, String> env) {
    return ref == null ? null : Secret.resolve(ref.env(), ref.file(), env);
  }
}
