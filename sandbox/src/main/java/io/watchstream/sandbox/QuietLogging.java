package io.watchstream.sandbox;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the broker's and clients' INFO chatter down to WARN (a broker start prints about 3,000 INFO lines)
 * when Logback is the SLF4J backend, without a compile-time dependency on Logback.
 *
 * <p>A level set explicitly in a {@code logback-test.xml} wins: only loggers without a configured level are
 * changed, so a module that wants Kafka at INFO or DEBUG can still have it.
 */
final class QuietLogging {

  private static final String[] NOISY = {"kafka", "org.apache.kafka", "state.change.logger"};

  private QuietLogging() {
  }

  static void quietKafka() {
    for (String name : NOISY) {
      Logger logger = LoggerFactory.getLogger(name);
      if (!logger.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
        return;
      }
      try {
        if (logger.getClass().getMethod("getLevel").invoke(logger) != null) {
          continue;
        }
        Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, logger.getClass().getClassLoader());
        Object warn = levelClass.getField("WARN").get(null);
        Method setLevel = logger.getClass().getMethod("setLevel", levelClass);
        setLevel.invoke(logger, warn);
      } catch (ReflectiveOperationException e) {
        return;
      }
    }
  }
}
