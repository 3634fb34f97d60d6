package io.cobrowse.ingest.api;

import io.cobrowse.ingest.webhook.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Visitors as last published, their sessions, and the erasure of a visitor on an operator's request. */
@Path("/api/v1/visitors")
@Tag(name = "visitors", description = "Visitors and their sessions as last published (role read); erasure (role erase)")
@SecurityRequirement(name = ApiRoles.SCHEME)
@APIResponse(
        responseCode = "401",
        description = "No bearer key, or an unknown one (WWW-Authenticate: Bearer)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The key lacks the role the operation names",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Blocking
public class VisitorsResource {

    private final NormalizedForms forms;
    private final OperatorErasure erasure;
    private final SecurityIdentity caller;

    public VisitorsResource(NormalizedForms forms, OperatorErasure erasure, SecurityIdentity caller) {
        this.forms = forms;
        this.erasure = erasure;
        this.caller = caller;
    }

    @GET
    @Path("/{short_id}")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "A visitor, exactly as the last record published for it on the visitors topic (role read)")
    @APIResponse(
            responseCode = "200",
            description = "The normalized visitor (schema visitor.v1)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "404",
            description = "No such visitor, or erased (its last record is a tombstone)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("short_id") String shortId) {
        return Response.ok(
                        PathIds.found(shortId)
                                .flatMap(forms::visitor)
                                .orElseThrow(() -> new NotFoundException("no such visitor, or erased")),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @RolesAllowed(ApiRoles.READ)
    @Operation(
            summary = "Visitors by exactly one of email (any case), lookup_code or unique_id, newest first (role"
                    + " read)",
            description = "Items are normalized visitors as last published; erased visitors are not found.")
    @APIResponse(
            responseCode = "200",
            description = "A page of normalized visitors",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            properties = {
                                                @SchemaProperty(
                                                        name = "items",
                                                        type = SchemaType.ARRAY,
                                                        description =
                                                                "Normalized visitors (schema visitor.v1), each as last published"),
                                                @SchemaProperty(
                                                        name = "next_cursor",
                                                        type = SchemaType.STRING,
                                                        nullable = true,
                                                        description = "The cursor of the next page; null on the last")
                                            })))
    @APIResponse(
            responseCode = "400",
            description = "Not exactly one of email, lookup_code and unique_id; or an invalid limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Object> lookup(
            @QueryParam("email") String email,
            @QueryParam("lookup_code") String lookupCode,
            @QueryParam("unique_id") String uniqueId,
            @Parameter(
                            description = "1 to 500, default 100",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor) {
        return forms.found(VisitorLookup.of(email, lookupCode, uniqueId), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{short_id}/sessions")
    @RolesAllowed(ApiRoles.READ)
    @Operation(
            summary = "A visitor's sessions as last published, newest first by started_at (role read)",
            description = "Sessions of an erased visitor are shown erased, as published. A visitor without sessions"
                    + " (or unknown) has an empty list.")
    @APIResponse(
            responseCode = "200",
            description = "A page of normalized sessions",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            properties = {
                                                @SchemaProperty(
                                                        name = "items",
                                                        type = SchemaType.ARRAY,
                                                        description =
                                                                "Normalized sessions (schema session.v1), each as last published"),
                                                @SchemaProperty(
                                                        name = "next_cursor",
                                                        type = SchemaType.STRING,
                                                        nullable = true,
                                                        description = "The cursor of the next page; null on the last")
                                            })))
    @APIResponse(
            responseCode = "400",
            description = "An invalid limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Object> sessions(
            @PathParam("short_id") String shortId,
            @Parameter(
                            description = "1 to 500, default 100",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor) {
        return forms.sessionsOf(shortId, PageRequest.of(limit, cursor));
    }

    @DELETE
    @Path("/{short_id}")
    @RolesAllowed(ApiRoles.ERASE)
    @Operation(
            summary = "Erase a visitor, as a visitor.deleted webhook would (role erase)",
            description = "Answers once committed; the tombstone follows on the visitors topic with ce_id = id."
                    + " An unknown visitor is erased too, so that older events arriving later stay erased.")
    @APIResponse(
            responseCode = "202",
            description = "Erased; Location names the erasure as a webhook",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErasureReply.class)))
    @APIResponse(
            responseCode = "400",
            description = "A short_id a webhook could not carry (blank, longer than 512 characters, U+0000)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "PostgreSQL unavailable: nothing was erased; retry after the Retry-After header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> erase(@PathParam("short_id") String shortId) {
        return erasure.erase(shortId, caller.getPrincipal().getName());
    }
}
