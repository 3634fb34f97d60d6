package io.cobrowse.ingest.api;

import io.cobrowse.ingest.webhook.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The operator API's errors as RFC 9457 problems, like the webhook's. A 404 or 400 raised by an endpoint carries
 * its own detail, written without personal data.
 */
public class ApiProblems {

    static final String NO_KEY = "a bearer key of the operator API is required (Authorization: Bearer <key>)";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Unauthorized", NO_KEY))
                .build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden() {
        return Response.status(403)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "Forbidden", "this key does not have the role this endpoint needs"))
                .build();
    }

    @ServerExceptionMapper(InvalidRequest.class)
    public Response invalid(InvalidRequest e) {
        return Response.status(400)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Bad Request", 400, e.getMessage(), e.errors()))
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400 || status >= 500) {
            return e.getResponse();
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? title : e.getMessage();
        return Response.fromResponse(e.getResponse())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail))
                .build();
    }
}
