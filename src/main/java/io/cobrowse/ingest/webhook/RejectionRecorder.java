package io.cobrowse.ingest.webhook;

import io.cobrowse.ingest.event.FieldError;
import io.cobrowse.ingest.rejection.Rejection;
import io.cobrowse.ingest.rejection.RejectionBuffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * Keeps what a refused sender was told, for the operators: the status and the problem's detail, never a header
 * other than the webhook-id. Into this replica's buffer, which is written about once a second; no database work
 * on the request's path.
 */
@ApplicationScoped
public class RejectionRecorder {

    private final RejectionBuffer buffer;

    public RejectionRecorder(RejectionBuffer buffer) {
        this.buffer = buffer;
    }

    /** A 401, 409, 413 or 415: the answer's status and detail. */
    void refused(Response answer, String webhookId, Instant receivedAt) {
        refused(answer.getStatus(), detail(answer), webhookId, receivedAt);
    }

    void refused(int status, String detail, String webhookId, Instant receivedAt) {
        buffer.add(Rejection.refused(receivedAt, status, detail, webhookId));
    }

    /** A 400, with what diagnosing the sender's bug needs: the digest, the fields at fault, perhaps the body. */
    void invalid(
            Response answer,
            String webhookId,
            Instant receivedAt,
            byte[] body,
            byte[] sha256,
            List<FieldError> errors,
            String visitorKey) {
        buffer.add(Rejection.invalid(receivedAt, detail(answer), webhookId, sha256, errors, body, visitorKey));
    }

    private static String detail(Response answer) {
        return answer.getEntity() instanceof Problem p ? p.detail() : null;
    }
}
