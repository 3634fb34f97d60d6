package io.cobrowse.ingest.api;

import io.cobrowse.ingest.jobs.OperatorJobs;
import io.cobrowse.ingest.webhook.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reprocessings: stored unhandled webhooks of types this version knows, applied as if they had just arrived. */
@Path(ReprocessingsResource.PATH)
@Tag(name = "reprocessings", description = "Applying stored unhandled webhooks (role replay)")
@SecurityRequirement(name = ApiRoles.SCHEME)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Blocking
public class ReprocessingsResource {

    static final String PATH = "/api/v1/reprocessings";

    private final OperatorJobs jobs;

    public ReprocessingsResource(OperatorJobs jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.REPLAY)
    @Operation(
            summary =
                    "Start a reprocessing of the stored unhandled webhooks whose type this version knows (role replay)",
            description = "A background job: the webhooks received before it started are applied in envelope order"
                    + " (timestamp, then webhook-id) through the normal write path, as if they had just arrived; each"
                    + " becomes applied or stale and publishes what it changed. Those whose body is gone (retention)"
                    + " or that are no longer valid stay unhandled, and are counted.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            description = "{\"types\": [\"session.state\"]} (optional; an empty body"
                                                    + " or no types: every type of the catalog)")))
    @APIResponse(
            responseCode = "202",
            description = "Started; follow it at the Location",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/v1/reprocessings/{id}"),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a JSON object, or a type outside the catalog",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(byte[] body) {
        UUID id = jobs.startReprocessing(JobRequests.reprocessing(body));
        return Response.accepted(new JobAccepted(id, "running"))
                .header(HttpHeaders.LOCATION, PATH + "/" + id)
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.REPLAY)
    @Operation(summary = "A reprocessing's status and counts (role replay)")
    @APIResponse(
            responseCode = "200",
            description = "status running, done (every webhook dealt with; the counts frozen) or failed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReprocessingView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No reprocessing with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReprocessingView get(@PathParam("id") String id) {
        return jobs.reprocessing(JobIds.parse(id))
                .map(ReprocessingView::of)
                .orElseThrow(() -> new NotFoundException("no reprocessing with this id"));
    }
}
