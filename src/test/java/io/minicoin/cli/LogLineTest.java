package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.Charset;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * A log line is what Logback's pattern {@code %d{HH:mm:ss.SSS} %msg%n} printed (the bench, the demo
 * and the tests read the time at the start of a node's lines), with a stack trace after it when the
 * event has one, as the pattern added implicitly.
 */
class LogLineTest {
  private static String pattern(LoggingEvent e, LoggerContext context) {
    PatternLayoutEncoder p = new PatternLayoutEncoder();
    p.setContext(context);
    p.setPattern("%d{HH:mm:ss.SSS} %msg%n");
    p.start();
    return new String(p.encode(e), Charset.defaultCharset());
  }

  private static String ours(LoggingEvent e, LoggerContext context) {
    LogLine l = new LogLine();
    l.setContext(context);
    l.start();
    return new String(l.encode(e), Charset.defaultCharset());
  }

  @Test
  void theSameLineAsLogbacksPatternAtAnyTimeOfDay() {
    // The build's machines run in UTC: the comparison is made again in a zone with daylight
    // saving and in one with a half-hour offset and daylight saving, each set as the JVM's
    // default before both encoders start (as a node's zone would be).
    TimeZone before = TimeZone.getDefault();
    try {
      for (String zone : new String[] {"UTC", "Europe/Berlin", "America/St_Johns"}) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        assertTheSameLinesAsThePattern(zone);
      }
    } finally {
      TimeZone.setDefault(before);
    }
  }

  private static void assertTheSameLinesAsThePattern(String zone) {
    LoggerContext context = new LoggerContext();
    Random random = new Random(12);
    for (int i = 0; i < 200; i++) {
      LoggingEvent e =
          new LoggingEvent(
              "x",
              context.getLogger("io.minicoin.x"),
              Level.INFO,
              "block {} at {}",
              null,
              new Object[] {"00ab", i});
      // Times across years, days and daylight-saving changes, to the millisecond.
      e.setTimeStamp(1_500_000_000_000L + (long) (random.nextDouble() * 400L * 86_400_000L));
      assertThat(ours(e, context)).as("in %s", zone).isEqualTo(pattern(e, context));
    }
  }

  @Test
  void aZoneWithDaylightSavingAndOneBehindUtc() {
    StringBuilder b = new StringBuilder();
    // 2026-03-29 01:30:00.042 UTC is 03:30:00.042 in Berlin (summer time began at 01:00 UTC).
    LogLine.appendTime(b, 1_774_747_800_042L, TimeZone.getTimeZone("Europe/Berlin"));
    assertThat(b).hasToString("03:30:00.042");
    b.setLength(0);
    // 1970-01-01 00:00:00.005 UTC is 19:00:00.005 the day before in New York.
    LogLine.appendTime(b, 5, TimeZone.getTimeZone("America/New_York"));
    assertThat(b).hasToString("19:00:00.005");
  }

  @Test
  void aStackTraceFollowsTheLineAsThePatternPrintedIt() {
    LoggerContext context = new LoggerContext();
    LoggingEvent e =
        thrown(
            context,
            Level.ERROR,
            "internal error while handling an event",
            new IllegalStateException("boom", new RuntimeException("cause")));
    String line = ours(e, context);
    assertThat(line).contains("internal error while handling an event" + System.lineSeparator());
    assertThat(line).contains("java.lang.IllegalStateException: boom").contains("Caused by: ");
    assertThat(line).isEqualTo(pattern(e, context));
  }

  @Test
  void anEventWithoutAMessageIsPrintedAsThePatternPrintedIt() {
    LoggerContext context = new LoggerContext();
    // log.warn(e.getMessage(), e) with an exception that has no message
    LoggingEvent e = thrown(context, Level.WARN, null, new IllegalStateException());
    String line = ours(e, context);
    assertThat(line).contains(" null" + System.lineSeparator());
    assertThat(line).contains("java.lang.IllegalStateException");
    assertThat(line).isEqualTo(pattern(e, context));
  }

  /** An event logged with a throwable, as {@code log.error(message, e)} makes it. */
  private static LoggingEvent thrown(
      LoggerContext context, Level level, String message, Throwable e) {
    return new LoggingEvent("x", context.getLogger("io.minicoin.x"), level, message, e, null);
  }
}
