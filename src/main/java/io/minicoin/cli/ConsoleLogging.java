package io.minicoin.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The log's setup, in code rather than in logback.xml: one line per event for a person watching the
 * node (time, then what happened), minicoin's own messages from INFO, libraries' from WARN. Reading
 * an XML file cost every command a fifth of a second of start-up (an XML parser and Logback's
 * configuration interpreter). Logback finds this class through {@code META-INF/services}; {@code
 * -Dlogback.configurationFile=FILE} still takes a file instead.
 *
 * <p>Where the lines go: a short command's standard output is its answer, which a script may parse
 * ({@code history -json}), so its log lines (such as the one-time note that an old chain file's
 * indexes are being built) go to standard error, as with git or curl. A long-running command (the
 * node, the demo, a benchmark) prints its log as its output, on standard output. {@link Main} says
 * which before running a command.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
  /**
   * The system property {@link Main} sets to {@code true} for a long-running command (log lines to
   * standard output) and {@code false} for a short one (standard error). A property rather than a
   * field here, so that choosing does not load Logback's classes in a command that never logs.
   */
  static final String TO_STDOUT = "minicoin.log.stdout";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogLine encoder = new LogLine(); // %d{HH:mm:ss.SSS} %msg%n, without a pattern layout
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
    out.setContext(context);
    out.setName("CONSOLE");
    out.setEncoder(encoder);
    out.setOutputStream(new ChosenStream());
    out.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(out);
    context.getLogger("io.minicoin").setLevel(Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Standard output or standard error as chosen when a line is written; looked up each time (like
   * Logback's own console target) so a redirected {@code System.out} is followed.
   */
  private static final class ChosenStream extends OutputStream {
    private static PrintStream target() {
      // Read at every line: the command is chosen after Logback may have started.
      return Boolean.getBoolean(TO_STDOUT) ? System.out : System.err;
    }

    @Override
    public void write(int b) {
      target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      target().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      target().flush();
    }

    @Override
    public void close() {
      // never closes the process's standard streams
    }
  }
}
