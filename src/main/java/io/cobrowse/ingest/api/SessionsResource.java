package io.cobrowse.ingest.api;

import io.cobrowse.ingest.webhook.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sessions as last published. */
@Path("/api/v1/sessions")
@Tag(name = "sessions", description = "Sessions as last published (role read)")
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
public class SessionsResource {

    private final NormalizedForms forms;

    public SessionsResource(NormalizedForms forms) {
        this.forms = forms;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.READ)
    @Operation(
            summary = "A session, exactly as the last record published for it on the sessions topic (role read)",
            description = "A session of an erased visitor is shown erased, as published.")
    @APIResponse(
            responseCode = "200",
            description = "The normalized session (schema session.v1)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "404",
            description = "No such session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        return Response.ok(
                        PathIds.found(id)
                                .flatMap(forms::session)
                                .orElseThrow(() -> new NotFoundException("no such session")),
                        MediaType.APPLICATION_JSON)
                .build();
    }
}
