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
 * The Allow header, from one source for both answers that carry it. A 405 must name the methods of its path (RFC
 * 9110, section 15.5.6), and Quarkus REST's leaves the header out. OPTIONS must agree with it: Quarkus REST lists HEAD
 * on every path, also where HEAD answers 405 (the webhook's, which takes POST only), and answers a path below a
 * resource that has no method there with that resource's methods, where every method answers 404; so does OPTIONS now.
 */
public class AllowHeaderFilter {

    private final AllowedMethods allowedMethods;

    public AllowHeaderFilter(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerResponseFilter
    public void allow(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 405) {
            if (!response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
                allowFor(request).ifPresent(allow -> response.getHeaders().putSingle(HttpHeaders.ALLOW, allow));
            }
            return;
        }
        if (!HttpMethod.OPTIONS.equals(request.getMethod())
                || !response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            return;
        }
        Optional<String> allow = allowFor(request);
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

    /** Matched on the path as sent, still percent-encoded (see {@link AllowedMethods#allowFor}). */
    private Optional<String> allowFor(ContainerRequestContext request) {
        return allowedMethods.allowFor(request.getUriInfo().getRequestUri().getRawPath());
    }
}
