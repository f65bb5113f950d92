package io.watchstream.runtime.config;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The strict loader every service reads its config file with: YAML (or JSON, which is YAML) into the service's
 * record {@code T}, then environment overrides, then the service's validator. Refused, with {@code file:line:col},
 * before anything starts: unknown keys, wrong types, duplicate keys, anchors and aliases, several documents, and
 * whatever the validator finds. Problems name the key and what was expected, never the value: config files hold
 * secrets. A problem in a value that came from an override names the environment variable instead of a line.
 *
 * <pre>{@code
 * YamlConfig<IngestConfig> loader = new YamlConfig<>(IngestConfig.class, ENV_OVERRIDES, IngestConfigValidator::problems);
 * IngestConfig config = loader.load(Path.of("ingest.yaml"), System.getenv()); // or ConfigException
 * }</pre>
 */
public final class YamlConfig<T> {

  /** A service's checks of a bound config; each problem names its field path. Empty when the config is usable. */
  @FunctionalInterface
  public interface Validator<T> {
    List<FieldProblem> problems(T config);

    static <T> Validator<T> none() {
      return config -> List.of();
    }
  }

  /**
   * A check that also reads the environment the file was loaded with, e.g. that a secret the file names can be
   * read; each problem names its field path, so it is located like the others.
   */
  @FunctionalInterface
  public interface EnvironmentValidator<T> {
    List<FieldProblem> problems(T config, Map<String, String> env);
  }

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final Class<T> type;
  private final List<EnvOverride> overrides;
  private final EnvironmentValidator<T> validator;
  private final ObjectMapper mapper = YAMLMapper.builder(FACTORY)
      .addModule(Durations.jacksonModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  public YamlConfig(Class<T> type, List<EnvOverride> overrides, Validator<T> validator) {
    this(type, overrides, validator, (EnvironmentValidator<T>) (config, env) -> List.of());
  }

  /** With a second check that reads the environment as well ({@code envValidator}'s problems come after). */
  public YamlConfig(Class<T> type, List<EnvOverride> overrides, Validator<T> validator,
      EnvironmentValidator<T> envValidator) {
    this.type = Objects.requireNonNull(type, "type");
    this.overrides = List.copyOf(overrides);
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(envValidator, "envValidator");
    this.validator = (config, env) -> {
      List<FieldProblem> problems = new ArrayList<>(validator.problems(config));
      problems.addAll(envValidator.problems(config, env));
      return problems;
    };
  }

  /** Reads {@code file}; problems are reported against its path as given. */
  public T load(Path file, Map<String, String> env) {
    return parse(ConfigText.readUtf8(file), file.toString(), env);
  }

  /** Parses {@code text}; {@code source} is how problems name it (a file name, {@code <inline>}). */
  public T parse(String text, String source, Map<String, String> env) {
    YamlDocument document = YamlDocument.read(text, source, YamlDocument.Root.MAPPING);
    ObjectNode root = document.root() instanceof ObjectNode o ? o : mapper.createObjectNode();
    Map<String, String> overridden = applyOverrides(root, env);
    T config;
    try {
      config = mapper.treeToValue(root, type);
    } catch (DatabindException e) {
      // Jackson's exception is not kept as the cause: its message quotes the value, and a stack trace would print it
      throw new ConfigException(List.of(locate(BindingProblems.of(e, root), document.sourceMap(), overridden, source)));
    } catch (IOException e) {
      throw ConfigException.of(source, "cannot be read (" + e.getClass().getSimpleName() + ")", null);
    }
    List<ConfigProblem> problems = new ArrayList<>();
    for (FieldProblem p : validator.problems(config, env)) {
      problems.add(locate(p, document.sourceMap(), overridden, source));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  /** Applies the table (first set variable wins per path); returns each overridden path with its variable. */
  private Map<String, String> applyOverrides(ObjectNode root, Map<String, String> env) {
    Map<String, String> applied = new HashMap<>();
    for (EnvOverride o : overrides) {
      String value = env.get(o.variable());
      if (value == null || value.isBlank() || applied.containsKey(o.path())) {
        continue;
      }
      String[] keys = o.path().split("\\.");
      ObjectNode node = root;
      for (int i = 0; i < keys.length - 1; i++) {
        JsonNode child = node.get(keys[i]);
        node = child instanceof ObjectNode obj ? obj : node.putObject(keys[i]);
      }
      node.put(keys[keys.length - 1], value);
      applied.put(o.path(), o.variable());
    }
    return applied;
  }

  private static ConfigProblem locate(FieldProblem p, SourceMap map, Map<String, String> overridden, String source) {
    for (String path = p.path(); !path.isEmpty(); path = SourceMap.parent(path)) {
      String variable = overridden.get(path);
      if (variable != null) {
        return new ConfigProblem("env " + variable, 0, 0, p.path(), p.problem());
      }
    }
    SourceMap.Location l = map.locate(p.path());
    return new ConfigProblem(source, l.line(), l.column(), p.path(), p.problem());
  }
}
