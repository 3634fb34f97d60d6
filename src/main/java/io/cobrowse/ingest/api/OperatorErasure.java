package io.cobrowse.ingest.api;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.event.EventParser;
import io.cobrowse.ingest.event.EventType;
import io.cobrowse.ingest.event.FieldError;
import io.cobrowse.ingest.event.OutboundJson;
import io.cobrowse.ingest.event.Sha256;
import io.cobrowse.ingest.store.GroupCommitter;
import io.cobrowse.ingest.store.IncomingWebhook;
import io.cobrowse.ingest.store.WebhookResult;
import io.cobrowse.ingest.webhook.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * An erasure an operator asks for: the same as a {@code visitor.deleted} webhook, through the same write path
 * (the writers' group commit, the visitor's lock, the erasure fence, the outbox), with the receipt time as its
 * timestamp and a generated id as its webhook-id, which the relay sends as its tombstone's ce_id.
 */
@ApplicationScoped
public class OperatorErasure {

    private static final Logger LOG = Logger.getLogger(OperatorErasure.class);

    /** Operators' erasures have ids of their own kind, which no sender's webhook-id is likely to take. */
    static final String ID_PREFIX = "op_";

    private final GroupCommitter committer;
    private final int retryAfterSeconds;

    public OperatorErasure(GroupCommitter committer, IngestConfig config) {
        this.committer = committer;
        this.retryAfterSeconds = config.webhook().retryAfterSeconds();
    }

    /**
     * Erases the visitor and answers 202 once committed; 400 for a short_id a webhook could not carry, 503 when
     * the database is away (nothing was stored).
     *
     * @param caller who asks, for the audit line: the key's name, never the key
     */
    public CompletionStage<Response> erase(String shortId, String caller) {
        // microseconds, as PostgreSQL keeps them: the position stored is the timestamp compared in memory
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = ID_PREFIX + UUID.randomUUID();
        // The inbox row's raw body is the envelope a visitor.deleted webhook would carry: it holds nothing but
        // the short_id, which an erasure keeps, and it parses into exactly that webhook's event. So the row reads
        // like any other (its SHA-256 is of this body), and the erasure drops this body as it drops the others.
        byte[] body = envelope(shortId, now);
        EventParser.Result parsed = EventParser.parse(body);
        if (!parsed.valid()) {
            FieldError first = parsed.errors().get(0);
            throw new BadRequestException("short_id: " + first.detail());
        }
        return committer
                .accept(new IncomingWebhook(id, parsed.event(), body, Sha256.of(body), now))
                .thenApply(result -> answer(id, result, caller))
                .exceptionally(OperatorErasure::failed);
    }

    private Response answer(String id, WebhookResult result, String caller) {
        return switch (result.outcome()) {
            case APPLIED -> {
                LOG.infof("visitor erasure %s accepted, requested by %s", id, caller);
                yield Response.accepted(new ErasureReply(id, "accepted"))
                        .type(MediaType.APPLICATION_JSON)
                        // as a header, not location(): that resolves the path against the request, which this
                        // writer thread does not have
                        .header(HttpHeaders.LOCATION, "/api/v1/webhooks/" + id)
                        .build();
            }
            case UNAVAILABLE ->
                ApiProblems.unavailable(
                        retryAfterSeconds, "the database is unavailable; nothing was erased, retry later");
            // a fresh id and a body the parser accepted leave no other outcome
            default -> throw new IllegalStateException("unexpected outcome of an erasure: " + result.outcome());
        };
    }

    /** Not expected for any input; nothing was erased, and nothing of the request is echoed. */
    private static Response failed(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LOG.errorf("visitor erasure failed: %s", cause.getClass().getName());
        return Response.status(500)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(500, "Internal Server Error", "the erasure could not be stored; nothing was erased"))
                .build();
    }

    private static byte[] envelope(String shortId, Instant timestamp) {
        var envelope = OutboundJson.MAPPER.createObjectNode();
        envelope.put("type", EventType.VISITOR_DELETED.wireName());
        envelope.put("timestamp", timestamp.toString());
        envelope.putObject("data").put("short_id", shortId);
        return OutboundJson.write(envelope).getBytes(StandardCharsets.UTF_8);
    }
}
