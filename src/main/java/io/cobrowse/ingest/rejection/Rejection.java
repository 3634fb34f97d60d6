package io.cobrowse.ingest.rejection;

import io.cobrowse.ingest.event.EventParser;
import io.cobrowse.ingest.event.FieldError;
import io.cobrowse.ingest.event.OutboundJson;
import java.time.Instant;
import java.util.List;

/**
 * What is kept of one refused webhook request: when, the status and the problem's detail the sender got, and the
 * webhook-id it gave; for a 400 also its digest, its field errors and perhaps its body. Never a signature, a secret
 * or any other header.
 *
 * @param webhookId null when none was given, or when it cannot be stored (see {@link #storableId})
 * @param visitorKey the visitor a 400's body names, null when none could be read
 */
public record Rejection(
        Instant receivedAt,
        int status,
        String reason,
        String webhookId,
        byte[] bodySha256,
        String errors,
        byte[] body,
        String visitorKey) {

    /** What a refusal costs in memory besides its body and errors, roughly; bounds the buffer. */
    private static final int OVERHEAD_BYTES = 256;

    /** A refusal that keeps nothing of the body: 401, 409, 413, 415. */
    public static Rejection refused(Instant receivedAt, int status, String reason, String webhookId) {
        return new Rejection(receivedAt, status, reason, storableId(webhookId), null, null, null, null);
    }

    /**
     * A 400, with its digest and field errors. Its body is kept only when a visitor could be read from it: an
     * erasure finds the rows that name the visitor, and a body whose visitor cannot be named could never be found
     * when that visitor asks to be erased. Whether the named visitor is erased already is decided when the row is
     * written ({@link RejectionWriter}), since an erasure may commit while it waits here.
     */
    public static Rejection invalid(
            Instant receivedAt,
            String reason,
            String webhookId,
            byte[] sha256,
            List<FieldError> errors,
            byte[] body,
            String visitorKey) {
        return new Rejection(
                receivedAt,
                400,
                reason,
                storableId(webhookId),
                sha256,
                OutboundJson.write(errors),
                visitorKey == null ? null : body,
                visitorKey);
    }

    /**
     * The webhook-id as given, or null when there is none to keep: longer than any id the service accepts (its
     * 401 says so), or holding U+0000, which PostgreSQL cannot store.
     */
    static String storableId(String webhookId) {
        if (webhookId == null || webhookId.length() > EventParser.MAX_KEY_LENGTH || webhookId.indexOf('\u0000') >= 0) {
            return null;
        }
        return webhookId;
    }

    /** The memory this refusal holds, roughly. */
    long bytes() {
        return OVERHEAD_BYTES
                + (body == null ? 0 : body.length)
                + 2L * (errors == null ? 0 : errors.length())
                + 2L * (webhookId == null ? 0 : webhookId.length());
    }
}
