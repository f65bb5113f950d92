package io.watchstream.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A hand-edited YAML file read strictly, before anything binds it: its tree and where each key and list item is.
 * Refused with {@link ConfigException} ({@code file:line:col}): YAML syntax errors, duplicate keys, anchors and
 * aliases, a second document, and a root of the wrong shape. {@link YamlConfig} reads service configs through it;
 * the rule-file loader reads rule files through it, so every file people edit means the same strict thing.
 */
public final class YamlDocument {

  /** What the top of the file may be. */
  public enum Root {
    MAPPING,
    MAPPING_OR_LIST
  }

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final ObjectMapper TREES = new YAMLMapper(FACTORY);

  private final String source;
  private final JsonNode root;
  private final SourceMap sourceMap;

  private YamlDocument(String source, JsonNode root, SourceMap sourceMap) {
    this.source = source;
    this.root = root;
    this.sourceMap = sourceMap;
  }

  /** Reads {@code text}; {@code source} is how problems name it (a file name, {@code <inline>}). */
  public static YamlDocument read(String text, String source, Root shape) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    YamlStructure.Scan scan = YamlStructure.scan(FACTORY, text, source, shape == Root.MAPPING_OR_LIST);
    if (!scan.problems().isEmpty()) {
      throw new ConfigException(scan.problems());
    }
    JsonNode tree;
    try {
      tree = TREES.readTree(text);
    } catch (JsonProcessingException e) {
      // the scan read the structure; what is left is a scalar Jackson cannot read. Its message quotes the value.
      JsonLocation l = e.getLocation();
      String what = String.valueOf(e.getOriginalMessage()).startsWith("Malformed numeric value")
          ? "not valid YAML: a number that cannot be read (write plain decimal numbers; .inf, .nan and 1_000 are not read)"
          : "not valid YAML: a value that cannot be read";
      throw new ConfigException(List.of(new ConfigProblem(source, l == null ? 0 : Math.max(0, l.getLineNr()),
          l == null ? 0 : Math.max(0, l.getColumnNr()), "", what))); // no cause: its message quotes the value
    } catch (IOException e) {
      throw ConfigException.of(source, "cannot be read (" + e.getClass().getSimpleName() + ")", null);
    }
    return new YamlDocument(source, tree == null ? MissingNode.getInstance() : tree, scan.sourceMap());
  }

  public String source() {
    return source;
  }

  /** The whole file; a {@link MissingNode} when it holds nothing (empty, or comments only). */
  public JsonNode root() {
    return root;
  }

  public SourceMap sourceMap() {
    return sourceMap;
  }

  /** {@code problem} located at {@code path} (or its nearest ancestor in the file; line 1 when none is). */
  public ConfigProblem problemAt(String path, String problem) {
    SourceMap.Location l = sourceMap.locate(path);
    if (l == SourceMap.Location.NONE) {
      l = new SourceMap.Location(1, 1);
    }
    return new ConfigProblem(source, l.line(), l.column(), path, problem);
  }

  /** The config path of key {@code key} under {@code parent}: {@code a.b}. */
  public static String child(String parent, String key) {
    return SourceMap.child(parent, key);
  }

  /** The config path of list item {@code index} under {@code parent}: {@code a[3]}. */
  public static String item(String parent, int index) {
    return SourceMap.item(parent, index);
  }
}
