package io.cobrowse.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.webhook.WebhookResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    private final AllowedMethods allowed = new AllowedMethods(
            List.of(VisitorsResource.class, ReplaysResource.class, WebhooksResource.class, WebhookResource.class));

    @Test
    void aPathGetsTheMethodsOfEveryResourceMethodThatMatchesIt() {
        assertThat(allowed.allowFor("/api/v1/visitors/k7Qm2Xp9")).hasValue("DELETE, GET, HEAD, OPTIONS");
        assertThat(allowed.allowFor("/api/v1/visitors/k7Qm2Xp9/sessions")).hasValue("GET, HEAD, OPTIONS");
        assertThat(allowed.allowFor("/api/v1/visitors")).hasValue("GET, HEAD, OPTIONS");
        assertThat(allowed.allowFor("/api/v1/replays")).hasValue("OPTIONS, POST");
        assertThat(allowed.allowFor("/api/v1/replays/0b6f7c1e")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void headOnlyWhereGetIs() {
        assertThat(allowed.allowFor("/webhooks/cobrowse")).hasValue("OPTIONS, POST");
    }

    @Test
    void aTrailingOrDoubledSlashIsTheSamePath() {
        assertThat(allowed.allowFor("/webhooks/cobrowse/")).hasValue("OPTIONS, POST");
        assertThat(allowed.allowFor("/api//v1/visitors")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void aVariableTakesOneSegmentOnly() {
        assertThat(allowed.allowFor("/api/v1/visitors/a/b")).isEmpty();
        assertThat(allowed.allowFor("/api/v1/webhooks/a/b")).isEmpty();
    }

    @Test
    void noResourceNoHeader() {
        assertThat(allowed.allowFor("/api/v1/nothing")).isEmpty();
        assertThat(allowed.allowFor("/")).isEmpty();
    }
}
