package io.watchstream.notifier.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the Slack channels for an alert. Channels named by the rule's own actions
 * ({@code notifyChannels}, resolved through the {@code channelAliases} map) win; otherwise the routes
 * are tried in order (first match, or more with {@code continue}); otherwise the default channel.
 * An alert with no channel at all is reported by the caller, not silently dropped.
 */
public final class Router {

  private record CompiledRoute(AlertMatcher matcher, String channel, boolean continueMatching) {
  }

  private final List<CompiledRoute> routes = new ArrayList<>();
  private final Map<String, String> channelAliases;
  private final String defaultChannel;

  public Router(List<Route> routes, Map<String, String> channelAliases, String defaultChannel) {
    for (Route r : routes) {
      this.routes.add(new CompiledRoute(new AlertMatcher(r.match()), r.channel(), r.continueMatching()));
    }
    this.channelAliases = channelAliases == null ? Map.of() : Map.copyOf(channelAliases);
    this.defaultChannel = defaultChannel;
  }

  public Set<String> channelsFor(Alert alert) {
    Set<String> channels = new LinkedHashSet<>();
    for (String name : alert.notifyChannels()) {
      channels.add(channelAliases.getOrDefault(name, name));
    }
    if (!channels.isEmpty()) {
      return channels;
    }
    for (CompiledRoute r : routes) {
      if (r.matcher().matches(alert, r.channel())) {
        channels.add(r.channel());
        if (!r.continueMatching()) {
          break;
        }
      }
    }
    if (channels.isEmpty() && defaultChannel != null && !defaultChannel.isBlank()) {
      channels.add(defaultChannel);
    }
    return channels;
  }
}
