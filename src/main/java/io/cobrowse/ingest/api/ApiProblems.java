package io.cobrowse.ingest.api;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.store.DatabaseErrors;
import io.cobrowse.ingest.webhook.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * The operator API's errors as RFC 9457 problems, like the webhook's. A 404 or 400 raised by an endpoint carries
 * its own detail, written without personal data. The mappers apply to every endpoint, the webhook's too (which
 * answers its own refusals itself).
 */
public class ApiProblems {

    private static final Logger LOG = Logger.getLogger(ApiProblems.class);

    static final String NO_KEY = "a bearer key of the operator API is required (Authorization: Bearer <key>)";

    private final int retryAfterSeconds;

    public ApiProblems(IngestConfig config) {
        this.retryAfterSeconds = config.webhook().retryAfterSeconds();
    }

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

    /** A 4xx raised by an endpoint or by Quarkus REST (a 405 gets its Allow header from {@link AllowHeaderFilter}). */
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

    /**
     * Anything else: PostgreSQL away answers 503 with Retry-After, as the webhook does; an unexpected failure a 500
     * problem. Logged by exception class and SQL state only: the request's URL and an SQL error's message may carry
     * personal data (an email looked up, a value the database refused).
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, SimpleResourceInfo endpoint) {
        if (DatabaseErrors.isUnavailable(e)) {
            return unavailable(retryAfterSeconds, "the database is unavailable; retry later");
        }
        LOG.errorf(
                "request to %s failed: %s",
                endpoint == null || endpoint.getResourceClass() == null
                        ? "an endpoint"
                        : endpoint.getResourceClass().getSimpleName() + "." + endpoint.getMethodName(),
                DatabaseErrors.describe(e));
        return Response.status(500)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(
                        500, "Internal Server Error", "the request failed; the service's log names the cause"))
                .build();
    }

    /** PostgreSQL away: 503 with Retry-After, as the webhook answers it. */
    static Response unavailable(int retryAfterSeconds, String detail) {
        return Response.status(503)
                .header("Retry-After", retryAfterSeconds)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(503, "Service Unavailable", detail))
                .build();
    }
}
