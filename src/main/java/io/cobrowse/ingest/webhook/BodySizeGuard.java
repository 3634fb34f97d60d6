package io.cobrowse.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowse.ingest.config.IngestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers {@code 413} with a problem body as soon as a declared Content-Length is over the limit,
 * before the body is buffered. The body the sender is still writing is read and dropped (up to a
 * bound), so that ordinary HTTP clients see the answer instead of a broken connection. Chunked
 * bodies are measured by the resource after buffering, with Quarkus' own body limit as the backstop.
 */
@ApplicationScoped
public class BodySizeGuard {

    /** How much of an oversized body is drained before the connection is simply closed. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final int maxBodyBytes;
    private final WebhookMetrics metrics;
    private final String problem;

    public BodySizeGuard(IngestConfig config, WebhookMetrics metrics, ObjectMapper mapper)
            throws JsonProcessingException {
        this.maxBodyBytes = config.webhook().maxBodyBytes();
        this.metrics = metrics;
        this.problem = mapper.writeValueAsString(Responses.tooLargeProblem(maxBodyBytes));
    }

    void install(@Observes Router router) {
        router.post("/webhooks/cobrowse").order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        long declared = declaredLength(ctx.request().getHeader("Content-Length"));
        if (declared <= maxBodyBytes) {
            ctx.next();
            return;
        }
        metrics.rejected(413);
        long[] drained = {0};
        ctx.request().handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_LIMIT) {
                ctx.request().connection().close();
            }
        });
        ctx.request().endHandler(end -> ctx.response()
                .setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Buffer.buffer(problem)));
        ctx.request().resume();
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
