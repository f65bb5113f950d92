package io.watchstream.notifier.pipeline;

import io.watchstream.notifier.delivery.OffsetTracker.Position;
import io.watchstream.notifier.engine.Alert;

/** One alert for one channel that has not had it yet: what the {@link AlertIntake} hands to the {@link IncidentStage}. */
public record ChannelOffer(String channel, Alert alert, Position position) {
}
