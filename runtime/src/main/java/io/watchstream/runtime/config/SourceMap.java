package io.watchstream.runtime.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list item of a config file is: config path ({@code kafka.topics.metrics},
 * {@code metrics.selectors[2]}) to its 1-based line and column. A path that is not in the file (a default) is
 * located at its nearest ancestor that is, so a "logGroup is required" points at the list item that lacks it.
 */
public final class SourceMap {

  /** A 1-based position in the file; {@link #NONE} when nothing of the path is in the file. */
  public record Location(int line, int column) {
    public static final Location NONE = new Location(0, 0);
  }

  private final Map<String, Location> locations = new HashMap<>();

  void put(String path, int line, int column) {
    locations.putIfAbsent(path, new Location(line, column));
  }

  /** The location of {@code path}, else of its nearest ancestor in the file, else {@link Location#NONE}. */
  public Location locate(String path) {
    for (String p = path; ; p = parent(p)) {
      Location l = locations.get(p);
      if (l != null) {
        return l;
      }
      if (p.isEmpty()) {
        return Location.NONE;
      }
    }
  }

  /** Whether the file itself spells {@code path}. */
  public boolean contains(String path) {
    return locations.containsKey(path);
  }

  /** {@code a.b[3].c} -> {@code a.b[3]} -> {@code a.b} -> {@code a} -> empty. */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String item(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
