package io.watchstream.notifier.sns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Plain JSON of an Avro record with exactly the field names of its schema (the alert contract):
 * timestamps as epoch milliseconds (their Avro type), enums by name, nulls kept. Unlike Avro's own JSON
 * encoding there are no union wrappers, so SNS subscribers (Lambda, SQS, email) read it directly.
 */
public final class AlertJson {

  private AlertJson() {
  }

  public static Map<String, Object> toMap(IndexedRecord record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field f : record.getSchema().getFields()) {
      out.put(f.name(), plain(record.get(f.pos())));
    }
    return out;
  }

  private static Object plain(Object v) {
    if (v instanceof IndexedRecord r) {
      return toMap(r);
    }
    if (v instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(plain(x)));
      return out;
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof GenericContainer || v instanceof CharSequence) {
      return v.toString();
    }
    return v;
  }
}
