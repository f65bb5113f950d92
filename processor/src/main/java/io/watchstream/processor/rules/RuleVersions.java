package io.watchstream.processor.rules;

import io.watchstream.avro.RuleRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Assigns version numbers when a rule set is published: a rule keeps its version while its definition
 * (canonical JSON, compared by SHA-256) is unchanged, and gets previous version + 1 when it changes.
 * Pure function of the current topic contents and the desired rules, so publishing twice is a no-op.
 */
public final class RuleVersions {

  /** SHA-256 of the canonical JSON definition. */
  public static String contentHash(String definitionJson) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(definitionJson.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The records to publish so that the topic holds {@code desired}.
   *
   * @param current latest record per rule id on the topic (tombstoned ids absent)
   * @return only new or changed rules, with their version
   */
  public static List<RuleRecord> toPublish(Map<String, RuleRecord> current, List<LoadedRule> desired, Instant now) {
    List<RuleRecord> out = new ArrayList<>();
    for (LoadedRule loaded : desired) {
      Rule rule = loaded.rule();
      String json = RuleJson.toJson(rule);
      RuleRecord existing = current.get(rule.id());
      if (existing != null && contentHash(existing.getDefinitionJson().toString()).equals(contentHash(json))) {
        continue;
      }
      int version = existing == null ? 1 : existing.getVersion() + 1;
      out.add(RuleRecord.newBuilder()
          .setRuleId(rule.id())
          .setVersion(version)
          .setKind(rule.kind())
          .setDefinitionJson(json)
          .setSource(loaded.source())
          .setPublishedAt(now)
          .build());
    }
    return out;
  }

  private RuleVersions() {}
}
