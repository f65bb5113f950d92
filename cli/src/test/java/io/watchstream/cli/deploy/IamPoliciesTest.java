package io.watchstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example IAM policies in {@code deploy/iam} are least privilege: exactly the actions the services call,
 * on named resources where IAM supports resource-level permissions, every statement limited to one region; and
 * every AWS call in the services' sources is covered (so a new call cannot ship without its permission).
 */
class IamPoliciesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGION = "us-east-1";
  /** SDK v2 method name (without Paginator) -> IAM action. */
  private static final Map<String, String> SDK_CALLS = Map.of(
      "listMetrics", "cloudwatch:ListMetrics",
      "getMetricData", "cloudwatch:GetMetricData",
      "filterLogEvents", "logs:FilterLogEvents",
      "publish", "sns:Publish",
      "setDesiredCapacity", "autoscaling:SetDesiredCapacity",
      "executePolicy", "autoscaling:ExecutePolicy",
      "describeAutoScalingGroups", "autoscaling:DescribeAutoScalingGroups",
      "describePolicies", "autoscaling:DescribePolicies");

  @Test
  void ingestMayOnlyReadMetricsAndNamedLogGroups() throws IOException {
    JsonNode policy = read("ingest-policy.json");
    assertThat(actions(policy)).containsExactlyInAnyOrder(
        "cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "logs:FilterLogEvents");
    assertThat(resourcesOf(policy, "logs:FilterLogEvents")).isNotEmpty().allSatisfy(arn -> {
      assertThat(arn).startsWith("arn:aws:logs:" + REGION + ":").contains(":log-group:/");
      assertThat(arn).doesNotContain("log-group:*");
    });
    assertLeastPrivilegeShape(policy);
  }

  @Test
  void notifierMayOnlyPublishToNamedTopicsAndScaleNamedGroups() throws IOException {
    JsonNode policy = read("notifier-policy.json");
    assertThat(actions(policy)).containsExactlyInAnyOrder(
        "sns:Publish", "autoscaling:SetDesiredCapacity", "autoscaling:ExecutePolicy",
        "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribePolicies", "cloudwatch:GetMetricData");
    assertThat(resourcesOf(policy, "sns:Publish")).isNotEmpty()
        .allSatisfy(arn -> assertThat(arn).matches("arn:aws:sns:" + REGION + ":\\d{12}:[A-Za-z0-9_-]+"));
    for (String scaling : List.of("autoscaling:SetDesiredCapacity", "autoscaling:ExecutePolicy")) {
      assertThat(resourcesOf(policy, scaling)).isNotEmpty().allSatisfy(arn -> assertThat(arn)
          .matches("arn:aws:autoscaling:" + REGION + ":\\d{12}:autoScalingGroup:\\*:autoScalingGroupName/[A-Za-z0-9_-]+"));
    }
    assertLeastPrivilegeShape(policy);
  }

  @Test
  void everyAwsCallInTheServicesIsAllowedByItsPolicy() throws IOException {
    assertThat(actions(read("ingest-policy.json"))).containsAll(callsIn("ingest"));
    assertThat(actions(read("notifier-policy.json"))).containsAll(callsIn("notifier"));
    assertThat(callsIn("ingest")).contains("cloudwatch:GetMetricData", "logs:FilterLogEvents");
  }

  /** No wildcard actions, no Deny-less escape hatches: Allow only, a region condition on every statement. */
  private static void assertLeastPrivilegeShape(JsonNode policy) {
    assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
    for (JsonNode statement : policy.get("Statement")) {
      assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
      assertThat(statement.has("NotAction")).isFalse();
      assertThat(statement.has("NotResource")).isFalse();
      for (JsonNode action : statement.get("Action")) {
        assertThat(action.asText()).doesNotContain("*");
      }
      assertThat(statement.at("/Condition/StringEquals/aws:RequestedRegion").asText())
          .as("statement %s is limited to one region", statement.get("Sid")).isEqualTo(REGION);
    }
  }

  private static Set<String> actions(JsonNode policy) {
    Set<String> actions = new TreeSet<>();
    policy.get("Statement").forEach(s -> s.get("Action").forEach(a -> actions.add(a.asText())));
    return actions;
  }

  private static List<String> resourcesOf(JsonNode policy, String action) {
    List<String> resources = new ArrayList<>();
    for (JsonNode s : policy.get("Statement")) {
      boolean has = false;
      for (JsonNode a : s.get("Action")) {
        has |= a.asText().equals(action);
      }
      if (has) {
        JsonNode r = s.get("Resource");
        if (r.isArray()) {
          r.forEach(x -> resources.add(x.asText()));
        } else {
          resources.add(r.asText());
        }
      }
    }
    return resources;
  }

  /** IAM actions of the AWS SDK calls in a module's main sources. */
  private static Set<String> callsIn(String module) throws IOException {
    Pattern call = Pattern.compile("\\.(" + String.join("|", SDK_CALLS.keySet()) + ")(?:Paginator)?\\(");
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root().resolve(module).resolve("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (!text.contains("software.amazon.awssdk.services")) {
          continue;
        }
        Matcher m = call.matcher(text);
        while (m.find()) {
          found.add(SDK_CALLS.get(m.group(1)));
        }
      }
    }
    return found;
  }

  private static JsonNode read(String name) throws IOException {
    return JSON.readTree(root().resolve("deploy/iam").resolve(name).toFile());
  }

  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("deploy/ above the working directory").isNotNull();
    return dir;
  }
}
