package io.cobrowse.ingest.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowse.ingest.domain.OutboxEvent;
import io.cobrowse.ingest.event.FieldError;
import io.cobrowse.ingest.event.OutboundJson;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The topics' record limit (the producer's max.request.size and the topics' max.message.bytes), checked on
 * each outbox row before it is written: a webhook whose record Kafka would refuse is refused itself, so that
 * nothing acknowledged is unpublishable.
 */
final class RecordLimit {

    /**
     * Room for what a row does not hold: the header names and their fixed values, headers the relay may add,
     * and the framing of a record and its batch in Kafka.
     */
    static final int OVERHEAD = 1024;

    private final long maxBytes;

    RecordLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Throws {@link RecordTooLargeException} when the row's record would exceed the limit, naming the largest
     * of the record's top-level fields that the webhook brings (its snake_case name is the one sent).
     */
    void check(OutboxEvent row, Predicate<String> broughtByWebhook) {
        if (row.payload == null) {
            return;
        }
        long fixed = OVERHEAD
                + utf8Length(row.messageKey)
                + utf8Length(row.webhookId)
                + utf8Length(row.ceType)
                + utf8Length(row.ceSubject);
        // a character takes at most three bytes: most payloads need no count
        if (fixed + 3L * row.payload.length() <= maxBytes) {
            return;
        }
        long size = fixed + utf8Length(row.payload);
        if (size > maxBytes) {
            throw new RecordTooLargeException(new FieldError(
                    "/data" + largestField(row.payload, broughtByWebhook),
                    "makes a record of " + size + " bytes, over the topics' limit of " + maxBytes + " bytes"));
        }
    }

    /** The pointer segment of the largest top-level field that passes the filter, or "" when none does. */
    private static String largestField(String payload, Predicate<String> candidate) {
        String largest = "";
        long largestSize = -1;
        Iterator<Map.Entry<String, JsonNode>> fields =
                OutboundJson.tree(payload).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            long size = f.getValue().toString().length();
            if (candidate.test(f.getKey()) && size > largestSize) {
                largest = "/" + f.getKey();
                largestSize = size;
            }
        }
        return largest;
    }

    static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                // a pair: four bytes for the two characters
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
