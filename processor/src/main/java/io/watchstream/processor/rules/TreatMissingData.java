package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CloudWatch's TreatMissingData: how periods without a datapoint count in an evaluation. */
public enum TreatMissingData {
  MISSING("missing"), IGNORE("ignore"), BREACHING("breaching"), NOT_BREACHING("notBreaching");

  private final String wireName;

  TreatMissingData(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static TreatMissingData parse(String text) {
    for (TreatMissingData t : values()) {
      if (t.wireName.equalsIgnoreCase(text) || t.name().equalsIgnoreCase(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "treatMissingData must be missing, ignore, breaching or notBreaching");
  }
}
