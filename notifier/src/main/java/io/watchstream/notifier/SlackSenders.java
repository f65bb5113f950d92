package io.watchstream.notifier;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.config.SlackSecrets;
import io.watchstream.notifier.delivery.BotTokenSlackSender;
import io.watchstream.notifier.delivery.SlackSender;
import io.watchstream.notifier.delivery.WebhookSlackSender;
import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.config.ConfigProblem;
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

  /** The sender of the configured mode; its secrets are read again here, as {@link SlackSecrets} reads them at load. */
  static SlackSender sender(Slack slack, NotifierConfig.Slack cfg, Map<String, String> env) {
    SlackSecrets.Resolution r = SlackSecrets.resolve(cfg, env);
    if (!r.problems().isEmpty()) {
      throw new ConfigException(r.problems().stream()
          .map(p -> new ConfigProblem("notifier", 0, 0, p.path(), p.problem())).toList());
    }
    SlackSecrets secrets = r.secrets();
    return switch (cfg.mode()) {
      case BOT -> new BotTokenSlackSender(slack, secrets.token());
      case WEBHOOK -> new WebhookSlackSender(slack, secrets.webhooks(), secrets.defaultWebhook());
    };
  }
}
