package io.watchstream.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The first pass over a config file, on the token stream: records where every key is ({@link SourceMap}) and finds
 * what the binding would let through silently — duplicate keys (the last one would win), anchors and aliases (a
 * value defined elsewhere is hard to review), a second document (ignored otherwise) and a root that is not a mapping.
 * Messages name keys and positions, never values.
 */
final class YamlStructure {

  /** The outcome: the key locations, and every problem found (empty when the file may be bound). */
  record Scan(SourceMap sourceMap, List<ConfigProblem> problems) {}

  private static final class Frame {
    final String path;
    final boolean list;
    final Set<String> keys = new HashSet<>();
    String key;
    int index = -1;

    Frame(String path, boolean list) {
      this.path = path;
      this.list = list;
    }
  }

  private final String source;
  private final SourceMap map = new SourceMap();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> anchoredPaths = new HashSet<>();

  private YamlStructure(String source) {
    this.source = source;
  }

  static Scan scan(YAMLFactory factory, String text, String source, boolean listRootAllowed) {
    YamlStructure s = new YamlStructure(source);
    try (JsonParser p = factory.createParser(text)) {
      s.walk((YAMLParser) p, listRootAllowed);
    } catch (JsonProcessingException e) {
      s.problems.add(syntaxProblem(source, e));
    } catch (IOException e) {
      s.problems.add(new ConfigProblem(source, 0, 0, "", "cannot be read: " + e.getClass().getSimpleName()));
    }
    return new Scan(s.map, List.copyOf(s.problems));
  }

  private void walk(YAMLParser p, boolean listRootAllowed) throws IOException {
    Deque<Frame> stack = new ArrayDeque<>();
    JsonToken t = p.nextToken();
    if (t == null) {
      return;
    }
    if (t != JsonToken.START_OBJECT && !(listRootAllowed && t == JsonToken.START_ARRAY)) {
      problem(p, "", listRootAllowed ? "the file must be a mapping of keys to values, or a list"
          : "the configuration must be a mapping of keys to values");
      return;
    }
    do {
      String path = stack.isEmpty() ? "" : valuePath(stack.peek(), p, t);
      if ((p.isCurrentAlias() || p.getObjectId() != null) && anchoredPaths.add(path)) {
        problem(p, path, "YAML anchors and aliases are not supported: write the value out in full");
      }
      switch (t) {
        case FIELD_NAME -> {
          Frame f = stack.peek();
          f.key = p.currentName();
          String keyPath = SourceMap.child(f.path, f.key);
          if (!f.keys.add(f.key)) {
            problem(p, keyPath, "duplicate key (the same key appears twice in one mapping)");
          } else {
            put(keyPath, p.currentTokenLocation());
          }
        }
        case START_OBJECT -> stack.push(new Frame(path, false));
        case START_ARRAY -> stack.push(new Frame(path, true));
        case END_OBJECT, END_ARRAY -> stack.pop();
        default -> { }
      }
      t = p.nextToken();
    } while (!stack.isEmpty() && t != null);
    if (p.nextToken() != null) {
      problem(p, "", "more than one YAML document ('---'): keep the whole configuration in one document");
    }
  }

  /** The path of the value token {@code t} inside {@code f}; list items get the next index and a location. */
  private String valuePath(Frame f, JsonParser p, JsonToken t) {
    if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
      return f.path;
    }
    if (f.list) {
      f.index++;
      String path = SourceMap.item(f.path, f.index);
      put(path, p.currentTokenLocation());
      return path;
    }
    return SourceMap.child(f.path, f.key);
  }

  private void put(String path, JsonLocation l) {
    map.put(path, l.getLineNr(), l.getColumnNr());
  }

  private void problem(JsonParser p, String path, String text) {
    ConfigProblem last = problems.isEmpty() ? null : problems.get(problems.size() - 1);
    if (last != null && last.field().equals(path) && last.problem().equals(text)) {
      return; // the parser repeats an anchor on the tokens that follow it: one problem per place is enough
    }
    JsonLocation l = p.currentTokenLocation();
    problems.add(new ConfigProblem(source, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()), path, text));
  }

  /** SnakeYAML's problem phrase and position only: its full message quotes the offending line. */
  private static ConfigProblem syntaxProblem(String source, JsonProcessingException e) {
    String what = "not valid YAML";
    int line = 0;
    int column = 0;
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      what = "not valid YAML: " + m.getProblem();
      line = m.getProblemMark().getLine() + 1;
      column = m.getProblemMark().getColumn() + 1;
    } else if (e.getLocation() != null) {
      line = Math.max(0, e.getLocation().getLineNr());
      column = Math.max(0, e.getLocation().getColumnNr());
    }
    if (e instanceof StreamConstraintsException) {
      // Jackson's guard against nesting bombs
      what = "nested more deeply than the maximum nesting depth (" + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels)";
    }
    return new ConfigProblem(source, line, column, "", what);
  }
}
