package io.cobrowse.ingest.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TopicTailTest {

    @Test
    void printsWhereTheRecordIsItsCloudEventHeadersAndItsValueAsIndentedJson() {
        ConsumerRecord<String, String> r =
                new ConsumerRecord<>("cobrowse.visitors.v1", 2, 7, "v_1", "{\"short_id\":\"v_1\",\"identities\":[]}");
        header(r, "ce_id", "msg_1");
        header(r, "ce_type", "cobrowse.visitor.updated");
        header(r, "content-type", "application/json");
        header(r, "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(TopicTail.format(r)).isEqualTo("""
                cobrowse.visitors.v1 partition 2 offset 7 key v_1
                  ce_id: msg_1
                  ce_type: cobrowse.visitor.updated
                  content-type: application/json
                  {
                    "short_id" : "v_1",
                    "identities" : [ ]
                  }
                """);
    }

    @Test
    void printsATombstoneAsSuch() {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("cobrowse.visitors.v1", 0, 3, "v_1", null);
        header(r, "ce_type", "cobrowse.visitor.deleted");

        assertThat(TopicTail.format(r)).isEqualTo("""
                cobrowse.visitors.v1 partition 0 offset 3 key v_1
                  ce_type: cobrowse.visitor.deleted
                  (tombstone)
                """);
    }

    @Test
    void printsAValueThatIsNotJsonAsSent() {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("other", 0, 0, null, "not json");

        assertThat(TopicTail.format(r)).isEqualTo("""
                other partition 0 offset 0 key (none)
                  not json
                """);
    }

    private static void header(ConsumerRecord<String, String> r, String key, String value) {
        r.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
