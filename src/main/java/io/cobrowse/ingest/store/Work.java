package io.cobrowse.ingest.store;

import io.cobrowse.ingest.event.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One unit of work for the writers: a webhook to accept, a stored unhandled webhook to apply now, or an invalid
 * one whose id decides between a duplicate, a conflict and a 400.
 */
sealed interface Work permits Work.Accept, Work.Reprocess, Work.Reject {

    CompletableFuture<WebhookResult> result();

    /** The visitor whose transactions this one must follow in order; null when unknown. */
    String visitorKey();

    Instant receivedAt();

    /** The size of the body it holds, which bounds the queue's memory. */
    int bodyBytes();

    record Accept(IncomingWebhook webhook, CompletableFuture<WebhookResult> result) implements Work {
        @Override
        public String visitorKey() {
            return webhook.event().data().visitorKey();
        }

        @Override
        public Instant receivedAt() {
            return webhook.receivedAt();
        }

        @Override
        public int bodyBytes() {
            return webhook.body().length;
        }
    }

    /**
     * A webhook stored as unhandled by a build that did not know its type, applied now as if it had just
     * arrived: its inbox row changes status instead of being inserted.
     */
    record Reprocess(IncomingWebhook webhook, CompletableFuture<WebhookResult> result) implements Work {
        @Override
        public String visitorKey() {
            return webhook.event().data().visitorKey();
        }

        @Override
        public Instant receivedAt() {
            return webhook.receivedAt();
        }

        @Override
        public int bodyBytes() {
            return webhook.body().length;
        }
    }

    record Reject(
            String webhookId,
            byte[] body,
            byte[] sha256,
            List<FieldError> errors,
            Instant receivedAt,
            CompletableFuture<WebhookResult> result)
            implements Work {
        /** Its id is only looked up, nothing of a visitor is written: no visitor's order to keep. */
        @Override
        public String visitorKey() {
            return null;
        }

        @Override
        public int bodyBytes() {
            return body.length;
        }
    }
}
