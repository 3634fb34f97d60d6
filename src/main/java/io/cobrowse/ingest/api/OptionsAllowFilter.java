package io.cobrowse.ingest.api;

import io.cobrowse.ingest.webhook.Problem;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An OPTIONS request's Allow header, as a 405 on the same path gives it: Quarkus REST lists HEAD on every path, also
 * where HEAD answers 405 (the webhook's, which takes POST only), and answers a path below a resource that has no
 * method there with that resource's methods, where every method answers 404; so does OPTIONS now.
 */
public class OptionsAllowFilter {

    private final AllowedMethods allowedMethods;

    public OptionsAllowFilter(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerResponseFilter
    public void allow(ContainerRequestContext request, ContainerResponseContext response) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())
                || !response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            return;
        }
        Optional<String> allow =
                allowedMethods.allowFor(request.getUriInfo().getRequestUri().getRawPath());
        if (allow.isPresent()) {
            response.getHeaders().putSingle(HttpHeaders.ALLOW, allow.get());
        } else {
            response.getHeaders().remove(HttpHeaders.ALLOW);
            response.setStatus(404);
            response.setEntity(
                    Problem.of(404, "Not Found", "Not Found"),
                    new Annotation[0],
                    MediaType.valueOf(Problem.MEDIA_TYPE));
        }
    }
}
