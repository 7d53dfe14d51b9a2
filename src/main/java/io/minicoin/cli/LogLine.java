package io.minicoin.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.util.TimeZone;

/**
 * One log line: the local time to the millisecond, a space, the message ({@code 12:03:04.567 new
 * tip ...}), and the stack trace after it when the event carries one; what Logback's pattern {@code
 * %d{HH:mm:ss.SSS} %msg%n} printed. Written out by hand because Logback's pattern layout builds a
 * table of some fifty converters, each a lambda linked at start-up, and compiles the pattern: ~60
 * ms of CPU at every node's start (profiled), for a format that never changes.
 */
final class LogLine extends EncoderBase<ILoggingEvent> {
  private static final String NEWLINE = System.lineSeparator();

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    // A library's log.warn(e.getMessage(), e) has no message: "null", then the stack trace.
    String message = String.valueOf(event.getFormattedMessage());
    StringBuilder line = new StringBuilder(13 + message.length() + NEWLINE.length());
    appendTime(line, event.getTimeStamp(), TimeZone.getDefault());
    line.append(' ').append(message).append(NEWLINE);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown));
    }
    // The platform's charset, as Logback's encoder used: the terminal's.
    return line.toString().getBytes(Charset.defaultCharset());
  }

  /**
   * {@code HH:mm:ss.SSS} of {@code millis} (since 1970) in {@code zone}, daylight saving included.
   */
  static void appendTime(StringBuilder out, long millis, TimeZone zone) {
    long local = millis + zone.getOffset(millis);
    int ofDay = (int) Math.floorMod(local, 86_400_000L);
    twoDigits(out, ofDay / 3_600_000).append(':');
    twoDigits(out, ofDay / 60_000 % 60).append(':');
    twoDigits(out, ofDay / 1_000 % 60).append('.');
    int ms = ofDay % 1_000;
    out.append((char) ('0' + ms / 100))
        .append((char) ('0' + ms / 10 % 10))
        .append((char) ('0' + ms % 10));
  }

  private static StringBuilder twoDigits(StringBuilder out, int n) {
    return out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }
}
