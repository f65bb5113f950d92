package io.watchstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.sandbox.ApicurioRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApicurioRegistryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SCHEMA_V1 = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"io.watchstream.test\","
      + "\"fields\":[{\"name\":\"value\",\"type\":\"double\"}]}";

  @Test
  void sharedRegistryAcceptsASchemaOverCcompatAndReturnsItById() throws Exception {
    ApicurioRegistry registry = RealParts.registry();
    assertThat(registry.ccompatUrl()).isEqualTo("http://127.0.0.1:" + registry.port() + "/apis/ccompat/v7");

    String subject = "readings-" + UUID.randomUUID() + "-value";
    int id = register(registry, subject, SCHEMA_V1);

    JsonNode byId = get(registry.ccompatUrl() + "/schemas/ids/" + id);
    assertThat(JSON.readTree(byId.get("schema").asText())).isEqualTo(JSON.readTree(SCHEMA_V1));
    JsonNode latest = get(registry.ccompatUrl() + "/subjects/" + subject + "/versions/latest");
    assertThat(latest.get("id").asInt()).isEqualTo(id);
    assertThat(latest.get("version").asInt()).isEqualTo(1);
  }

  @Test
  void persistentRegistryKeepsSchemasAndIdsAcrossRestart() throws Exception {
    try (ApicurioRegistry registry = ApicurioRegistry.startPersistent()) {
      int port = registry.port();
      int id = register(registry, "restart-value", SCHEMA_V1);

      registry.restart();

      assertThat(registry.port()).isEqualTo(port);
      JsonNode byId = get(registry.ccompatUrl() + "/schemas/ids/" + id);
      assertThat(JSON.readTree(byId.get("schema").asText())).isEqualTo(JSON.readTree(SCHEMA_V1));
    }
  }

  private static int register(ApicurioRegistry registry, String subject, String schema) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create(registry.ccompatUrl() + "/subjects/" + subject + "/versions"))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("id").asInt();
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
