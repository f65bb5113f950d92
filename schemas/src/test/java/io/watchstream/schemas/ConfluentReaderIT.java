package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.watchstream.testkit.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What our serde writes is readable by an independent, non-JVM Confluent-format reader
 * (npm {@code @kafkajs/confluent-schema-registry}, run with node) that fetches writer schemas from
 * the real registry by id. Node and npm are required; the npm package is installed into target/.
 */
class ConfluentReaderIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path readerDir;

  @BeforeAll
  static void installReader() throws Exception {
    readerDir = Path.of("target", "node-reader").toAbsolutePath();
    Files.createDirectories(readerDir);
    for (String f : new String[] {"package.json", "decode.js"}) {
      Files.copy(Path.of("src", "test", "node", f), readerDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(readerDir.resolve("node_modules/@kafkajs/confluent-schema-registry"))) {
      run(readerDir, 180, "npm", "install", "--no-audit", "--no-fund", "--silent");
    }
  }

  @Test
  void independentReaderDecodesWhatTheSerdeWrote() throws Exception {
    SchemaRegistryClient registry = new HttpSchemaRegistryClient(RealParts.registry().ccompatUrl());
    ArrayNode input = JSON.createArrayNode();
    add(input, "datapoint", AvroSerde.forValues(io.watchstream.avro.MetricDatapoint.class, registry)
        .serialize("reader-check-metrics", SampleRecords.cpuDatapoint()));
    add(input, "seriesKey", AvroSerde.forKeys(io.watchstream.avro.MetricSeriesKey.class, registry)
        .serialize("reader-check-metrics", SampleRecords.cpuKey()));
    add(input, "log", AvroSerde.forValues(io.watchstream.avro.LogEvent.class, registry)
        .serialize("reader-check-logs", SampleRecords.logEvent()));
    add(input, "alert", AvroSerde.forValues(io.watchstream.avro.AlertTransition.class, registry)
        .serialize("reader-check-alerts", SampleRecords.alert()));
    add(input, "scaling", AvroSerde.forValues(io.watchstream.avro.ScalingCommand.class, registry)
        .serialize("reader-check-scaling", SampleRecords.scalingCommand()));
    Path inputFile = readerDir.resolve("input.json");
    Files.writeString(inputFile, input.toString());

    JsonNode decoded = JSON.readTree(run(readerDir, 60, "node", "decode.js", RealParts.registry().ccompatUrl(), inputFile.toString()));

    JsonNode dp = decoded.get("datapoint");
    assertThat(dp.get("namespace").asText()).isEqualTo("AWS/EC2");
    assertThat(dp.get("metricName").asText()).isEqualTo("CPUUtilization");
    assertThat(dp.get("dimensions").get(0).get("value").asText()).isEqualTo("i-0abc123");
    assertThat(dp.get("timestamp").asLong()).isEqualTo(SampleRecords.T0.toEpochMilli());
    assertThat(dp.get("value").asDouble()).isEqualTo(93.5);
    assertThat(dp.get("unit").asText()).isEqualTo("Percent");

    assertThat(decoded.get("seriesKey").get("periodSeconds").asInt()).isEqualTo(60);
    assertThat(decoded.get("log").get("message").asText()).isEqualTo(SampleRecords.logEvent().getMessage());

    JsonNode alert = decoded.get("alert");
    assertThat(alert.get("ruleId").asText()).isEqualTo("cpu-high");
    assertThat(alert.get("fromState").asText()).isEqualTo("OK");
    assertThat(alert.get("toState").asText()).isEqualTo("ALARM");
    assertThat(alert.get("labels").get("team").asText()).isEqualTo("web");
    assertThat(alert.get("observedValues").get(0).asDouble()).isEqualTo(91.2);
    assertThat(alert.get("observedValues").get(1).isNull()).isTrue();
    assertThat(alert.get("threshold").asDouble()).isEqualTo(50.0);
    assertThat(alert.get("lineage").get("inputs").get(1).get("offset").asLong()).isEqualTo(57L);

    JsonNode scaling = decoded.get("scaling");
    assertThat(scaling.get("action").asText()).isEqualTo("CHANGE_CAPACITY");
    assertThat(scaling.get("amount").asInt()).isEqualTo(1);
    assertThat(scaling.get("dryRun").asBoolean()).isTrue();
  }

  private static void add(ArrayNode input, String name, byte[] bytes) {
    input.addObject().put("name", name).put("base64", Base64.getEncoder().encodeToString(bytes));
  }

  private static String run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new IllegalStateException("'" + command[0] + "' is not installed: this test needs Node.js and npm "
          + "(Debian: apt-get install nodejs npm)", e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
