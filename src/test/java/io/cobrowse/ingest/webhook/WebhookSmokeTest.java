package io.cobrowse.ingest.webhook;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class WebhookSmokeTest {

    @Test
    void acceptsASample() {
        String id = Webhooks.newId();
        Webhooks.send(id, Webhooks.sample("visitor.updated")).then().statusCode(202).body("status", equalTo("accepted"));
        Webhooks.send(id, Webhooks.sample("visitor.updated")).then().statusCode(200).body("status", equalTo("duplicate"));
    }
}
