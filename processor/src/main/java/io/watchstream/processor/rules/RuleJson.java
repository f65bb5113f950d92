package io.watchstream.processor.rules;

import io.watchstream.runtime.config.Durations;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Duration;

/**
 * The two mappers rules go through: YAML for rule files and JSON for {@code RuleRecord.definitionJson}.
 * Both read and write the same shape, durations as {@code 5m}-style strings, and reject unknown fields
 * so a typo never silently turns into a default.
 */
public final class RuleJson {

  private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
  private static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();

  public static ObjectMapper json() {
    return JSON;
  }

  public static ObjectMapper yaml() {
    return YAML;
  }

  /** The definition as stored on the topic: canonical JSON (sorted keys), so equal rules hash equally. */
  public static String toJson(Rule rule) {
    try {
      return JSON.writeValueAsString(rule);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise rule " + rule.id(), e);
    }
  }

  public static Rule fromJson(String json) throws IOException {
    return JSON.readValue(json, Rule.class);
  }

  private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B builder) {
    SimpleModule durations = new SimpleModule("watchstream-durations");
    durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
          return Duration.ofSeconds(p.getLongValue());
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
        }
        try {
          return Durations.parse(p.getText());
        } catch (IllegalArgumentException e) {
          return (Duration) ctx.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
        }
      }
    });
    durations.addSerializer(Duration.class, new JsonSerializer<>() {
      @Override
      public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(Durations.format(value));
      }
    });
    return builder
        .addModule(durations)
        // a rule means what it says: "80" is text, not a number; 1.10 is a number, not the text 1.10; 2.5 periods are not 2
        .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  }

  private RuleJson() {}
}
