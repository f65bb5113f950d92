package io.watchstream.processor.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The states of every threshold rule that applies to one metric instance (namespace, metric name and
 * dimensions; any statistic and period), kept together as one value so that a datapoint costs one store
 * read, one store write and one changelog record however many rules apply to it. Each {@link SeriesState}
 * still keeps its own rule id and series key (the rule's statistic and period), so alerts, lineage and the
 * state endpoint stay per (rule, series). Mutable; owned by one stream task.
 */
public final class InstanceStates {
  /** Canonical instance key, e.g. {@code AWS/EC2/CPUUtilization{InstanceId=i-1}}; also the store key. */
  public String instanceKey;
  /** The instance's dimensions, shared by every state below. */
  public TreeMap<String, String> dimensions = new TreeMap<>();
  /** One state per rule, in the order the rules first applied. */
  public List<SeriesState> states = new ArrayList<>(4);

  public InstanceStates() {}

  public InstanceStates(String instanceKey, TreeMap<String, String> dimensions) {
    this.instanceKey = instanceKey;
    this.dimensions = dimensions;
  }

  /** The state of rule {@code ruleId} on this instance, or null. */
  public SeriesState find(String ruleId) {
    for (SeriesState s : states) {
      if (s.ruleId.equals(ruleId)) {
        return s;
      }
    }
    return null;
  }

  /** The instance key of a series key: the series key without its trailing {@code /statistic/period}. */
  public static String instanceKeyOf(String seriesKey) {
    int period = seriesKey.lastIndexOf('/');
    int statistic = period <= 0 ? -1 : seriesKey.lastIndexOf('/', period - 1);
    return statistic < 0 ? seriesKey : seriesKey.substring(0, statistic);
  }
}
