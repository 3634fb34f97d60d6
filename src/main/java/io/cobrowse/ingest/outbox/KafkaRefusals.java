package io.cobrowse.ingest.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Tells a record Kafka refuses for good (its size, its content, its topic) from a failure that a retry may
 * get past (Kafka away, a leader moving, a time-out): the first kind is parked, the second sent again.
 */
final class KafkaRefusals {

    private KafkaRefusals() {}

    /** The class of the error by which Kafka refused the record for good, or null when a retry may succeed. */
    static String forGood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException
                    || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidRecordException
                    || t instanceof InvalidTopicException
                    || t instanceof TopicAuthorizationException) {
                return t.getClass().getSimpleName();
            }
        }
        return null;
    }

    /** The class of the innermost cause, for logs (messages may carry personal data). */
    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
