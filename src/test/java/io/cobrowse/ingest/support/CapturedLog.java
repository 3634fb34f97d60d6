package io.cobrowse.ingest.support;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The records some log categories publish while it is open, as a handler of the service's log would receive them
 * (subject to this handler's own level and filter, which a test may set).
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    /** Held here too: a logger nothing refers to may be collected, and its handler with it. */
    private final List<Logger> loggers;

    /** The one thread whose records count, or null for all. */
    private final Thread thread;

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(List<Logger> loggers, Thread thread) {
        this.loggers = loggers;
        this.thread = thread;
    }

    /** Starts capturing what the given categories publish, from any thread. */
    public static CapturedLog of(String... categories) {
        return start(null, categories);
    }

    /**
     * Starts capturing what the given categories publish from the calling thread only, so that lines a running service
     * logs on its own threads are not counted.
     */
    public static CapturedLog ofThisThread(String... categories) {
        return start(Thread.currentThread(), categories);
    }

    private static CapturedLog start(Thread thread, String... categories) {
        CapturedLog log =
                new CapturedLog(Arrays.stream(categories).map(Logger::getLogger).toList(), thread);
        log.loggers.forEach(l -> l.addHandler(log));
        return log;
    }

    /** Loggers call their handlers on the thread that logs (no asynchronous handler in between): the thread check. */
    @Override
    public void publish(LogRecord record) {
        if ((thread == null || thread == Thread.currentThread()) && isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        loggers.forEach(l -> l.removeHandler(this));
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The messages of all records, with their parameters in place (as the service's log manager formats them). */
    public List<String> messages() {
        return messages(Level.ALL);
    }

    /** The messages of the records at the given level or above, with their parameters in place. */
    public List<String> messages(Level atLeast) {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= atLeast.intValue())
                .map(CapturedLog::message)
                .toList();
    }

    private static String message(LogRecord record) {
        return record instanceof ExtLogRecord ext
                ? ext.getFormattedMessage()
                : new SimpleFormatter().formatMessage(record);
    }
}
