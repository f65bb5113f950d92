package io.watchstream.runtime.kafka;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One value of a connection setting, written in YAML either inline ({@code security.protocol: SASL_SSL}) or, for a
 * secret, as a reference read at start: {@code { env: KAFKA_JAAS }} (an environment variable) or
 * {@code { file: /run/secrets/kafka-jaas }} (a file's text, trailing line breaks removed). {@link #toString()} never
 * shows an inline value: any of them may be a secret someone wrote into the file.
 */
@JsonDeserialize(using = PropertyValue.Reader.class)
public record PropertyValue(String inline, String env, String file) {

  public static PropertyValue of(String inline) {
    return new PropertyValue(inline, null, null);
  }

  public static PropertyValue fromEnv(String variable) {
    return new PropertyValue(null, variable, null);
  }

  public static PropertyValue fromFile(String path) {
    return new PropertyValue(null, null, path);
  }

  /** What is wrong with the shape of this value (a reference naming both or neither source), or null. */
  public String shapeProblem() {
    if (inline != null) {
      return null;
    }
    boolean hasEnv = env != null && !env.isBlank();
    boolean hasFile = file != null && !file.isBlank();
    if (hasEnv == hasFile) {
      return "a reference names exactly one of env: VARIABLE or file: PATH";
    }
    return null;
  }

  /** The value, read now; {@link Unavailable} says why it cannot be (never with the value). */
  public String resolve(Map<String, String> environment) {
    if (inline != null) {
      return inline;
    }
    if (env != null && !env.isBlank()) {
      String v = environment.get(env);
      if (v == null || v.isEmpty()) {
        throw new Unavailable("the environment variable " + env + " is not set");
      }
      return v;
    }
    if (file != null && !file.isBlank()) {
      try {
        return Files.readString(Path.of(file)).replaceAll("[\\r\\n]+$", "");
      } catch (IOException e) {
        throw new Unavailable("cannot read the file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    throw new Unavailable(shapeProblem());
  }

  /** Where the value comes from, for messages: never the value itself. */
  @Override
  public String toString() {
    return inline != null ? "(inline)" : env != null ? "{env: " + env + "}" : "{file: " + file + "}";
  }

  /** A referenced value cannot be read; the message says which reference and why. */
  public static final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /** Scalars are inline values; a mapping is a reference with {@code env} or {@code file} and nothing else. */
  static final class Reader extends JsonDeserializer<PropertyValue> {
    private record Ref(String env, String file) {}

    @Override
    public PropertyValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        Ref ref = ctxt.readValue(p, Ref.class);
        return new PropertyValue(null, ref.env(), ref.file());
      }
      if (t != null && t.isScalarValue()) {
        return of(p.getText());
      }
      return (PropertyValue) ctxt.handleUnexpectedToken(PropertyValue.class, p);
    }
  }
}
