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
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stored webhooks, for the question "did webhook X arrive, and did it reach Kafka?". */
@Path("/api/v1/webhooks")
@Tag(name = "webhooks", description = "Stored webhooks and their publication (role read)")
@SecurityRequirement(name = ApiRoles.SCHEME)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Blocking
public class WebhooksResource {

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
        InboxEvent webhook = InboxEvent.findById(id);
        if (webhook == null) {
            throw new NotFoundException("no webhook with this id");
        }
        return WebhookView.of(webhook, Publication.of(List.of(webhook)).get(id));
    }
}
