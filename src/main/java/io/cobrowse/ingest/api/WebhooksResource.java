package io.cobrowse.ingest.api;

import io.cobrowse.ingest.domain.InboxEvent;
import io.cobrowse.ingest.webhook.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stored webhooks, for the question "did webhook X arrive, and did it reach Kafka?". */
@Path("/api/v1/webhooks")
@Tag(name = "webhooks", description = "Stored webhooks and their publication (role read)")
@SecurityRequirement(name = ApiRoles.SCHEME)
@APIResponse(
        responseCode = "401",
        description = "No bearer key, or an unknown one (WWW-Authenticate: Bearer)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The key lacks the role read",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Blocking
public class WebhooksResource {

    @GET
    @RolesAllowed(ApiRoles.READ)
    @Operation(
            summary = "Stored webhooks, newest first by received_at then id, filtered and paged (role read)",
            description = "received_after is inclusive, received_before exclusive. Pass next_cursor as cursor for"
                    + " the next page; it is null on the last page.")
    @APIResponse(
            responseCode = "200",
            description = "A page of webhooks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(
            responseCode = "400",
            description = "An invalid parameter: unknown status, a datetime without offset, a limit outside 1 to"
                    + " 500, a cursor not given out by this list",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<WebhookView> list(
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"applied", "stale", "unhandled"}))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "The envelope type, e.g. session.ended") @QueryParam("type") String type,
            @Parameter(description = "The visitor's short_id") @QueryParam("visitor_id") String visitorId,
            @Parameter(description = "ISO 8601 with offset or Z; inclusive") @QueryParam("received_after")
                    String receivedAfter,
            @Parameter(description = "ISO 8601 with offset or Z; exclusive") @QueryParam("received_before")
                    String receivedBefore,
            @Parameter(
                            description = "1 to 500, default 100",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor) {
        WebhookFilter filter = WebhookFilter.of(status, type, visitorId, receivedAfter, receivedBefore);
        PageRequest page = PageRequest.of(limit, cursor);
        return filter.query()
                .page(
                        page,
                        (hql, p) -> InboxEvent.<InboxEvent>find(hql, p),
                        e -> new PageCursor(e.receivedAt, e.webhookId))
                .map(webhooks -> {
                    var publications = Publication.of(webhooks);
                    return webhooks.stream()
                            .map(w -> WebhookView.of(w, publications.get(w.webhookId)))
                            .toList();
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "A webhook by its webhook-id, with its publication state (role read)")
    @APIResponse(responseCode = "200", description = "Found")
    @APIResponse(
            responseCode = "404",
            description = "No webhook with this id (never received, or past its retention)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView get(@PathParam("id") String id) {
        InboxEvent webhook = PathIds.found(id)
                .map(webhookId -> InboxEvent.<InboxEvent>findById(webhookId))
                .orElseThrow(() -> new NotFoundException("no webhook with this id"));
        return WebhookView.of(webhook, Publication.of(List.of(webhook)).get(id));
    }
}
