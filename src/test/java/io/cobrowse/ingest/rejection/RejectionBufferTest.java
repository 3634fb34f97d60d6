package io.cobrowse.ingest.rejection;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.event.FieldError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The buffer keeps the newest refusals within its bounds and counts what it drops. */
class RejectionBufferTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RejectionMetrics metrics = new RejectionMetrics(registry);

    @Test
    void beyondItsCountTheOldestAreDroppedAndCounted() {
        RejectionBuffer buffer = new RejectionBuffer(3, Long.MAX_VALUE, metrics);
        for (int i = 0; i < 5; i++) {
            buffer.add(refused("msg_" + i));
        }
        assertThat(buffer.takeAll()).extracting(Rejection::webhookId).containsExactly("msg_2", "msg_3", "msg_4");
        assertThat(dropped()).isEqualTo(2);
        assertThat(buffer.takeAll()).isEmpty();
    }

    @Test
    void beyondItsBytesTheOldestBodiesAreDropped() {
        RejectionBuffer buffer = new RejectionBuffer(100, 3 * 1024, metrics);
        for (int i = 0; i < 4; i++) {
            buffer.add(invalid("msg_" + i, new byte[1000], "visitor"));
        }
        assertThat(buffer.takeAll()).extracting(Rejection::webhookId).containsExactly("msg_2", "msg_3");
        assertThat(dropped()).isEqualTo(2);
    }

    @Test
    void rowsPutBackComeBeforeNewerOnesWithinTheBound() {
        RejectionBuffer buffer = new RejectionBuffer(3, Long.MAX_VALUE, metrics);
        buffer.add(refused("msg_0"));
        buffer.add(refused("msg_1"));
        List<Rejection> failed = buffer.takeAll();
        buffer.add(refused("msg_2"));
        buffer.add(refused("msg_3"));
        buffer.putBack(failed);
        assertThat(buffer.takeAll()).extracting(Rejection::webhookId).containsExactly("msg_1", "msg_2", "msg_3");
        assertThat(dropped()).isEqualTo(1);
    }

    @Test
    void aBodyThatNamesNoVisitorIsNotKept() {
        assertThat(invalid("msg_a", new byte[] {'{'}, null).body()).isNull();
        assertThat(invalid("msg_b", new byte[] {'{'}, "visitor").body()).containsExactly('{');
    }

    @Test
    void aWebhookIdTooLongOrUnstorableIsLeftOut() {
        assertThat(refused("msg_" + "x".repeat(600)).webhookId()).isNull();
        assertThat(refused("msg_\u0000").webhookId()).isNull();
        assertThat(refused(null).webhookId()).isNull();
        assertThat(refused("msg_" + "x".repeat(500)).webhookId()).hasSize(504);
    }

    private double dropped() {
        return registry.get("cobrowse.rejections.dropped").counter().count();
    }

    private static Rejection refused(String id) {
        return Rejection.refused(Instant.now(), 401, "no signature matches", id);
    }

    private static Rejection invalid(String id, byte[] body, String visitor) {
        return Rejection.invalid(
                Instant.now(),
                "the webhook body is not valid",
                id,
                new byte[32],
                List.of(new FieldError("/data", "is required")),
                body,
                visitor);
    }
}
