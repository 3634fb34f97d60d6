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

/** Replays: the records published for a time window, sent to Kafka again by the relay. */
@Path(ReplaysResource.PATH)
@Tag(name = "replays", description = "Re-publishing records to Kafka (role replay)")
@SecurityRequirement(name = ApiRoles.SCHEME)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Blocking
public class ReplaysResource {

    static final String PATH = "/api/v1/replays";

    private final OperatorJobs jobs;

    public ReplaysResource(OperatorJobs jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.REPLAY)
    @Operation(
            summary = "Start a replay of the records published for the webhooks received in [from, to) (role replay)",
            description = "A background job: the records go out again through the relay, in their original order per"
                    + " key, with their original ce_id and headers; each key ends on its latest record (its tombstone"
                    + " if the visitor was erased). Records of an erased visitor carry no personal data.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            description = "{\"from\": \"2026-11-24T00:00:00Z\", \"to\": "
                                                    + "\"2026-11-25T00:00:00Z\", \"visitor_id\": \"k7Qm2Xp9\" (optional), "
                                                    + "\"types\": [\"visitor.updated\"] (optional)}")))
    @APIResponse(
            responseCode = "202",
            description = "Started; follow it at the Location",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/v1/replays/{id}"),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "from or to missing or not ISO 8601, from not before to, an unknown type, a malformed visitor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(byte[] body) {
        UUID id = jobs.startReplay(JobRequests.replay(body));
        return Response.accepted(new JobAccepted(id, "running"))
                .header(HttpHeaders.LOCATION, PATH + "/" + id)
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.REPLAY)
    @Operation(summary = "A replay's status and counts (role replay)")
    @APIResponse(
            responseCode = "200",
            description = "status running, done (every copy published; the counts frozen) or failed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No replay with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayView get(@PathParam("id") String id) {
        return jobs.replay(JobIds.parse(id))
                .map(ReplayView::of)
                .orElseThrow(() -> new NotFoundException("no replay with this id"));
    }
}
