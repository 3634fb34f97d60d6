package io.cobrowse.ingest.api;

import io.cobrowse.ingest.domain.RejectedRequest;
import io.cobrowse.ingest.webhook.Problem;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Refused webhook requests, for the question "why does the platform say its webhooks fail?". */
@Path("/api/v1/rejections")
@Tag(name = "rejections", description = "Refused webhook requests (role read)")
@SecurityRequirement(name = ApiRoles.SCHEME)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Blocking
public class RejectionsResource {

    @GET
    @RolesAllowed(ApiRoles.READ)
    @Operation(
            summary = "Refused webhook requests, newest first (role read)",
            description = "Requests answered 400, 401, 409, 413 or 415: when, the status, the problem's detail the "
                    + "sender got, and the webhook-id when one was given; never a body, a signature or a secret. "
                    + "Only the most recent are kept (COBROWSE_WEBHOOK_REJECTED_MAX_COUNT and _MAX_AGE), and each "
                    + "replica writes its refusals about once a second, so the newest appear a moment later.")
    @APIResponse(
            responseCode = "200",
            description = "A page of refusals; next_cursor is null on the last page",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RejectionPage.class)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No bearer key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The key does not have the role read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RejectionPage list(
            @Parameter(description = "Only refusals received after this time (ISO 8601 with an offset or Z)")
                    @QueryParam("received_after")
                    String receivedAfter,
            @Parameter(description = "Refusals per page, 1 to 500 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "The next_cursor of the previous page") @QueryParam("cursor") String cursor) {
        Instant after = QueryParameters.instant("received_after", receivedAfter);
        int size = PageRequest.limit(limit);
        RejectionCursor from = cursor == null || cursor.isEmpty() ? null : RejectionCursor.decode(cursor);
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (after != null) {
            where.add("receivedAt > :after");
            parameters.put("after", after);
        }
        if (from != null) {
            where.add("(receivedAt < :at or (receivedAt = :at and id < :id))");
            parameters.put("at", from.receivedAt());
            parameters.put("id", from.id());
        }
        Sort newestFirst = Sort.descending("receivedAt", "id");
        // one more than asked for tells whether another page follows
        List<RejectionView> rows = (where.isEmpty()
                        ? RejectedRequest.findAll(newestFirst)
                        : RejectedRequest.find(String.join(" and ", where), newestFirst, parameters))
                .project(RejectionView.class)
                .page(Page.ofSize(size + 1))
                .list();
        if (rows.size() <= size) {
            return new RejectionPage(rows, null);
        }
        List<RejectionView> page = rows.subList(0, size);
        return new RejectionPage(
                List.copyOf(page), RejectionCursor.after(page.get(size - 1)).encode());
    }
}
