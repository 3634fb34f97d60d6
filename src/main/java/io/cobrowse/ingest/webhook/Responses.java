package io.cobrowse.ingest.webhook;

import io.cobrowse.ingest.store.WebhookResult;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The contract's response table. */
final class Responses {

    private Responses() {}

    static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail))
                .build();
    }

    static Problem tooLargeProblem(int limit) {
        return Problem.of(413, "Content Too Large", "the body is larger than the limit of " + limit + " bytes");
    }

    static Response tooLarge(int limit) {
        return Response.status(413)
                .type(Problem.MEDIA_TYPE)
                .entity(tooLargeProblem(limit))
                .build();
    }

    /** Not expected for any input; nothing was acknowledged, and nothing of the request is echoed. */
    static Response storeFailed(Throwable failure) {
        return problem(500, "Internal Server Error", "the webhook could not be stored; nothing was acknowledged");
    }

    static Response of(String webhookId, WebhookResult result, int retryAfterSeconds) {
        return switch (result.outcome()) {
            case APPLIED, STALE, UNHANDLED ->
                Response.status(202)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(new WebhookReply(webhookId, "accepted"))
                        .build();
            case DUPLICATE ->
                Response.ok(new WebhookReply(webhookId, "duplicate"), MediaType.APPLICATION_JSON)
                        .build();
            case CONFLICT -> problem(409, "Conflict", "this webhook-id was already accepted with a different body");
            case INVALID ->
                Response.status(400)
                        .type(Problem.MEDIA_TYPE)
                        .entity(Problem.invalid(result.errors()))
                        .build();
            case UNAVAILABLE ->
                Response.status(503)
                        .type(Problem.MEDIA_TYPE)
                        .header("Retry-After", retryAfterSeconds)
                        .entity(Problem.of(
                                503,
                                "Service Unavailable",
                                "the database is unavailable; nothing was acknowledged, retry later"))
                        .build();
        };
    }
}
