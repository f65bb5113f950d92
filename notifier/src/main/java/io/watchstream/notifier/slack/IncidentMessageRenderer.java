package io.watchstream.notifier.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static io.watchstream.notifier.slack.SeriesText.seriesName;
import static io.watchstream.notifier.slack.SlackText.mrkdwn;
import static io.watchstream.notifier.slack.SeriesText.slackDate;
import static io.watchstream.notifier.slack.SeriesText.valueText;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import io.watchstream.avro.AlarmState;
import io.watchstream.notifier.engine.Alert;
import io.watchstream.notifier.engine.GroupState;
import io.watchstream.notifier.engine.Member;
import io.watchstream.notifier.engine.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders an incident conversation as Block Kit: a header with the overall state and rule, fields for
 * severity, rule and version, series count and since when, one section per series (instance id and
 * Auto Scaling group, value against threshold or band, since when, CloudWatch console link), the
 * latest reason and a context line. Every piece of text that did not come from our own code is passed
 * through {@link SlackText#escape}, wherever it lands (mrkdwn, the plain-text header, the notification text); mrkdwn
 * objects are also {@code verbatim} so Slack does not auto-link what the escaping left.
 */
public final class IncidentMessageRenderer {

  /** Slack allows 50 blocks per message; keep well below and summarise the rest. */
  static final int MAX_SERIES_SECTIONS = 10;
  /** Slack's limit on a header's text. */
  static final int HEADER_MAX_CHARS = 150;

  private final ConsoleLinks links;

  public IncidentMessageRenderer(ConsoleLinks links) {
    this.links = links;
  }

  public enum Headline { ALARM, INSUFFICIENT_DATA, FLAPPING, RESOLVED }

  public static Headline headline(GroupState group) {
    if (group.isResolved()) {
      return Headline.RESOLVED;
    }
    if (group.anyFlapping()) {
      return Headline.FLAPPING;
    }
    return group.anyFiring() ? Headline.ALARM : Headline.INSUFFICIENT_DATA;
  }

  public List<LayoutBlock> blocks(GroupState group) {
    Alert latest = group.latestAlert();
    Headline headline = headline(group);
    List<LayoutBlock> blocks = new ArrayList<>();
    String ours = emoji(headline, latest.severity()) + " " + headlineText(headline) + ": ";
    String title = ours + SlackText.escapeToFit(latest.ruleId(), HEADER_MAX_CHARS - ours.length());
    blocks.add(header(h -> h.text(plainText(p -> p.text(title).emoji(true)))));

    List<Member> members = group.members().values().stream()
        .sorted(Comparator.comparing((Member m) -> m.state() == AlarmState.OK).thenComparing(m -> m.latest().seriesKey()))
        .toList();
    long firing = members.stream().filter(m -> m.state() == AlarmState.ALARM).count();
    Instant since = members.stream().map(Member::since).min(Comparator.naturalOrder()).orElse(group.openedAt());
    List<TextObject> fields = List.of(
        mrkdwn("*Severity*\n" + SlackText.escape(latest.severity(), 40)),
        mrkdwn("*Rule*\n`" + SlackText.escape(latest.ruleId(), 120) + "` v" + latest.ruleVersion()),
        mrkdwn("*Series in ALARM*\n" + firing + " of " + members.size()),
        mrkdwn("*Since*\n" + slackDate(since)));
    blocks.add(section(s -> s.fields(fields)));

    for (Member m : members.subList(0, Math.min(MAX_SERIES_SECTIONS, members.size()))) {
      blocks.add(section(s -> s.text(mrkdwn(seriesLine(m)))));
    }
    if (members.size() > MAX_SERIES_SECTIONS) {
      int more = members.size() - MAX_SERIES_SECTIONS;
      blocks.add(section(s -> s.text(mrkdwn("… and " + more + " more series"))));
    }
    String reason = SlackText.escape(latest.reason(), 500);
    if (!reason.isEmpty()) {
      blocks.add(section(s -> s.text(mrkdwn("*Reason*\n" + reason))));
    }
    List<ContextBlockElement> ctx = List.of(mrkdwn("watchstream · rule `" + SlackText.escape(latest.ruleId(), 120)
        + "` version " + latest.ruleVersion() + " · " + SlackText.escape(latest.ruleKind(), 40)));
    blocks.add(context(ctx));
    return blocks;
  }

  /** Notification text shown in pop-ups and by clients that cannot render blocks. */
  public String fallbackText(GroupState group) {
    Alert latest = group.latestAlert();
    long firing = group.members().values().stream().filter(m -> m.state() == AlarmState.ALARM).count();
    return headlineText(headline(group)) + ": " + SlackText.escape(latest.ruleId(), 120) + " ("
        + SlackText.escape(latest.severity(), 40) + "), " + firing + " of " + group.members().size() + " series in ALARM";
  }

  /** Text of the thread reply describing one transition or an engine note (flapping, reminder). */
  public String replyText(Notification<?> n) {
    List<String> lines = new ArrayList<>();
    Alert t = n.trigger();
    if (t != null && n.note() == null) {
      lines.add(seriesName(t) + ": " + t.fromState() + " → *" + t.toState() + "* at " + slackDate(t.transitionTime())
          + " · " + valueText(t));
      String reason = SlackText.escape(t.reason(), 500);
      if (!reason.isEmpty()) {
        lines.add(reason);
      }
    } else if (t != null) {
      lines.add(seriesName(t) + ": " + SlackText.escape(n.note(), 500));
    } else if (n.note() != null) {
      lines.add(SlackText.escape(n.note(), 500));
    }
    return String.join("\n", lines);
  }

  String seriesLine(Member m) {
    Alert a = m.latest();
    String state = m.flapping() ? "FLAPPING" : m.state().name();
    return "*" + state + "* " + seriesName(a) + " — " + valueText(a) + " · since " + slackDate(m.since())
        + " · <" + links.forAlert(a) + "|CloudWatch>";
  }

  private static String headlineText(Headline h) {
    return switch (h) {
      case ALARM -> "ALARM";
      case INSUFFICIENT_DATA -> "INSUFFICIENT DATA";
      case FLAPPING -> "FLAPPING";
      case RESOLVED -> "RESOLVED";
    };
  }

  private static String emoji(Headline h, String severity) {
    return switch (h) {
      case RESOLVED -> ":white_check_mark:";
      case FLAPPING -> ":warning:";
      case INSUFFICIENT_DATA -> ":grey_question:";
      case ALARM -> switch (severity == null ? "" : severity) {
        case "critical" -> ":red_circle:";
        case "warning" -> ":large_orange_circle:";
        default -> ":large_blue_circle:";
      };
    };
  }
}
