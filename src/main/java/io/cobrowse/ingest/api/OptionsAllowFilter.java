package io.cobrowse.ingest.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An OPTIONS request's Allow header, as a 405 on the same path gives it: Quarkus REST lists HEAD on every path, also
 * where HEAD answers 405 (the webhook's, which takes POST only).
 */
public class OptionsAllowFilter {

    private final AllowedMethods allowedMethods;

    public OptionsAllowFilter(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerResponseFilter
    public void allow(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())
                && response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            allowedMethods.allowFor(request.getUriInfo().getPath()).ifPresent(allow -> response.getHeaders()
                    .putSingle(HttpHeaders.ALLOW, allow));
        }
    }
}
