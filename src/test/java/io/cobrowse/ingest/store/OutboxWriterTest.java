package io.cobrowse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.domain.OutboxEvent;
import io.cobrowse.ingest.infra.InfraResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox rows of a group, as the relay will read them: every payload exactly as written, in group order. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class OutboxWriterTest {

    @Inject
    OutboxWriter writer;

    @Inject
    EntityManager em;

    @Test
    void aGroupsPayloadsAreStoredAsWrittenAndTombstonesAsNull() {
        String key = "ow" + UUID.randomUUID();
        List<String> payloads = Arrays.asList(
                "{\"a\" : 1,  \"b\":[ 1, 2 ]}",
                null,
                "{\"quote\":\"\\\"\",\"backslash\":\"\\\\\",\"unicode\":\"é \\u00e9 ✓\",\"braces\":\"}{][,\"}",
                "{}",
                "{\"nested\":{\"list\":[{\"x\":null},\"\\n\\t\"]}}");
        List<OutboxEvent> rows = new ArrayList<>();
        for (String payload : payloads) {
            rows.add(row(key, payload));
        }
        List<Object> stored;
        QuarkusTransaction.begin();
        try {
            writer.insert(rows);
            stored = new ArrayList<>(
                    em.createNativeQuery("SELECT payload FROM outbox_event WHERE visitor_key = ?1 ORDER BY id")
                            .setParameter(1, key)
                            .getResultList());
        } finally {
            // nothing reaches the relay
            QuarkusTransaction.rollback();
        }
        assertThat(stored).containsExactlyElementsOf(new ArrayList<Object>(payloads));
        assertThat(rows).as("the pending rows are taken").isEmpty();
    }

    private static OutboxEvent row(String key, String payload) {
        OutboxEvent e = new OutboxEvent();
        e.webhookId = "wh_" + UUID.randomUUID();
        e.topic = "cobrowse.visitors.v1";
        e.messageKey = key;
        e.ceType = OutboxWriter.CE_TYPE_PREFIX + "visitor.updated";
        e.ceSubject = key;
        e.ceTime = Instant.parse("2026-01-02T03:04:05.678Z");
        e.payload = payload;
        e.visitorKey = key;
        e.createdAt = Instant.now();
        return e;
    }
}
