package io.watchstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.sandbox.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class RealPartsIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void eachPartIsStartedOncePerJvmAndAnswers() throws Exception {
    assertThat(RealParts.kafka()).isSameAs(RealParts.kafka());
    assertThat(RealParts.registry()).isSameAs(RealParts.registry());
    assertThat(RealParts.moto()).isSameAs(RealParts.moto());
    assertThat(RealParts.slack()).isSameAs(RealParts.slack());

    String topic = "shared-" + UUID.randomUUID();
    RealParts.kafka().createTopic(topic, 2);
    try (Admin admin = Admin.create(RealParts.kafka().clientProperties())) {
      assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(2);
    }
    assertThat(status(RealParts.registry().ccompatUrl() + "/subjects")).isEqualTo(200);
    assertThat(status(RealParts.moto().endpoint() + "/moto-api/data.json")).isEqualTo(200);
    assertThat(status(RealParts.slack().webhookUrl("ping"))).isEqualTo(200);
  }

  @Test
  void stoppedBrokerComesBackWithItsTopics() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("survives-stop", 1);
      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      kafka.startAgain();
      try (Admin admin = Admin.create(kafka.clientProperties())) {
        assertThat(admin.listTopics().names().get()).contains("survives-stop");
      }
    }
  }

  private static int status(String url) throws Exception {
    HttpRequest request = url.contains("/webhook/")
        ? HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"ping\"}")).build()
        : HttpRequest.newBuilder(URI.create(url)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
