package io.cobrowse.ingest.webhook;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.WebhookOutcome;
import io.cobrowse.ingest.event.EventParser;
import io.cobrowse.ingest.event.ParsedEvent;
import io.cobrowse.ingest.event.Sha256;
import io.cobrowse.ingest.store.GroupCommitter;
import io.cobrowse.ingest.store.IncomingWebhook;
import io.cobrowse.ingest.store.WebhookResult;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The webhook endpoint: checks in the contract's order (size, content type, signature, then the
 * store decides duplicate, conflict, invalid or accepted) and answers only after the commit.
 */
@Path("/webhooks/cobrowse")
public class WebhookResource {

    private final SignatureVerifier verifier;
    private final GroupCommitter committer;
    private final WebhookMetrics metrics;
    private final RejectionRecorder rejections;
    private final IngestConfig.Webhook settings;

    /**
     * The bytes HMAC-ed (the body times the secrets) up to which a webhook is checked on the event loop; beyond it
     * the check goes to a worker thread, so that a large or unauthentic request holds no other connection up.
     */
    static final long INLINE_CHECK_BYTES = 64 * 1024;

    public WebhookResource(
            SignatureVerifier verifier,
            GroupCommitter committer,
            WebhookMetrics metrics,
            RejectionRecorder rejections,
            IngestConfig config) {
        this.verifier = verifier;
        this.committer = committer;
        this.metrics = metrics;
        this.rejections = rejections;
        this.settings = config.webhook();
    }

    /**
     * On the event loop while the checks are cheap, else on a worker thread: checking the signature costs an HMAC
     * over the whole body per configured secret, and an invalid body is parsed twice; the event loop must stay free
     * for other requests meanwhile. The body arrives whole (see {@link BodySizeGuard}), and no thread is held while
     * the commit is awaited.
     */
    @POST
    @NonBlocking
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Receive a signed co-browsing webhook (Standard Webhooks v1)")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            description =
                                                    "{\"type\": \"session.ended\", \"timestamp\": \"2026-11-24T10:05:00Z\", \"data\": {...}}")))
    @Parameter(name = "webhook-id", in = ParameterIn.HEADER, required = true, description = "The event's identity")
    @Parameter(name = "webhook-timestamp", in = ParameterIn.HEADER, required = true, description = "Unix seconds")
    @Parameter(
            name = "webhook-signature",
            in = ParameterIn.HEADER,
            required = true,
            description = "Space-separated v1,<base64 HMAC-SHA256> entries")
    @APIResponse(
            responseCode = "202",
            description = "Accepted and committed (also stale and unhandled events)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookReply.class)))
    @APIResponse(
            responseCode = "200",
            description = "Duplicate: this webhook-id was accepted with the identical body",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookReply.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not JSON, or the envelope or data invalid; errors name each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "Missing or bad signature headers, or timestamp outside tolerance",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "This webhook-id was accepted with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Body larger than the limit (default 1 MiB)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "Content type other than JSON in UTF-8, or a compressed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "PostgreSQL unavailable; retry after the Retry-After header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> receive(
            @Context RoutingContext request,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding,
            @HeaderParam("webhook-id") String webhookId,
            @HeaderParam("webhook-timestamp") String timestamp,
            @HeaderParam("webhook-signature") String signature) {
        // the body as the guard read it: on the event loop, the framework's byte[] reader gave a large body as zeros
        Buffer body = request.body() == null ? null : request.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        String unsupported = BodyMediaType.unsupported(contentType, contentEncoding);
        if ((long) bytes.length * verifier.secrets() <= INLINE_CHECK_BYTES) {
            return check(bytes, unsupported, webhookId, timestamp, signature);
        }
        return CompletableFuture.supplyAsync(
                        () -> check(bytes, unsupported, webhookId, timestamp, signature),
                        Infrastructure.getDefaultWorkerPool())
                .thenCompose(Function.identity());
    }

    /** @param unsupported why the media type is not one this endpoint reads, or null when it is */
    private CompletionStage<Response> check(
            byte[] bytes, String unsupported, String webhookId, String timestamp, String signature) {
        Instant now = Instant.now();
        if (bytes.length > settings.maxBodyBytes()) {
            return refuse(Responses.tooLarge(settings.maxBodyBytes()), webhookId, now);
        }
        if (unsupported != null) {
            return refuse(Responses.problem(415, "Unsupported Media Type", unsupported), webhookId, now);
        }
        Optional<String> unauthentic = webhookId != null && webhookId.length() > EventParser.MAX_KEY_LENGTH
                ? Optional.of("webhook-id is longer than " + EventParser.MAX_KEY_LENGTH + " characters")
                : verifier.verify(webhookId, timestamp, signature, bytes);
        if (unauthentic.isPresent()) {
            return refuse(Responses.problem(401, "Unauthorized", unauthentic.get()), webhookId, now);
        }
        byte[] sha256 = Sha256.of(bytes);
        EventParser.Result parsed = EventParser.parse(bytes);
        ParsedEvent event = parsed.event();
        Received received = parsed.valid()
                ? new Received(webhookId, now, bytes, sha256, event.data().visitorKey())
                : new Received(webhookId, now, bytes, sha256, EventParser.visitorKeyHint(bytes));
        return answer(
                received,
                event,
                parsed.valid()
                        ? committer.accept(new IncomingWebhook(webhookId, event, bytes, sha256, now))
                        : committer.reject(webhookId, bytes, sha256, parsed.errors(), now));
    }

    /** An authentic request, as the answer and a refusal's record need it. */
    private record Received(String webhookId, Instant at, byte[] body, byte[] sha256, String visitorKey) {}

    /**
     * Answers once the store has decided, which for an accepted webhook is after its commit; a 400 or 409 is kept
     * like the refusals before it.
     */
    private CompletionStage<Response> answer(
            Received request, ParsedEvent event, CompletionStage<WebhookResult> stored) {
        return stored.thenApply(r -> {
                    metrics.received(event, r.outcome());
                    Response response = Responses.of(request.webhookId(), r, settings.retryAfterSeconds());
                    if (r.outcome() == WebhookOutcome.INVALID) {
                        rejections.invalid(
                                response,
                                request.webhookId(),
                                request.at(),
                                request.body(),
                                request.sha256(),
                                r.errors(),
                                request.visitorKey());
                    } else if (r.outcome() == WebhookOutcome.CONFLICT) {
                        rejections.refused(response, request.webhookId(), request.at());
                    }
                    return response;
                })
                .exceptionally(Responses::storeFailed);
    }

    private CompletionStage<Response> refuse(Response response, String webhookId, Instant receivedAt) {
        metrics.rejected(response.getStatus());
        rejections.refused(response, webhookId, receivedAt);
        return CompletableFuture.completedFuture(response);
    }
}
