package io.cobrowse.ingest.api;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The operator API's roles, as named in COBROWSE_API_KEYS and on each endpoint. */
@SecurityScheme(
        securitySchemeName = ApiRoles.SCHEME,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "A key from COBROWSE_API_KEYS; each endpoint names the role its key needs")
public final class ApiRoles {

    /** The OpenAPI security scheme of the bearer keys. */
    public static final String SCHEME = "apiKey";

    /** Look webhooks, rejections, visitors and sessions up. */
    public static final String READ = "read";

    /** Start replays and reprocessings, and follow them. */
    public static final String REPLAY = "replay";

    /** Erase a visitor. */
    public static final String ERASE = "erase";

    private ApiRoles() {}
}
