package io.cobrowse.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowse.ingest.config.IngestConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * Reads the webhook's body on the event loop, counting the bytes as they arrive, and hands it on only
 * whole and within the limit. A body over the limit, declared by its Content-Length or found so while a
 * chunked body arrives, is not kept: the rest is read and dropped (up to a bound), and the answer is the
 * contract's {@code 413} problem, so that ordinary HTTP clients see it instead of a broken connection.
 * So no request holds more than the limit in memory, authenticated or not. Quarkus' own body limit,
 * set above ours, stays as the backstop.
 */
@ApplicationScoped
public class BodySizeGuard {

    /** How much of an oversized body is drained before the connection is simply closed. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    /** The first buffer of a chunked body; it grows as chunks arrive, up to the limit. */
    private static final int FIRST_CHUNKED_BUFFER = 16 * 1024;

    private final int maxBodyBytes;
    private final WebhookMetrics metrics;
    private final RejectionRecorder rejections;
    private final String problem;

    public BodySizeGuard(IngestConfig config, WebhookMetrics metrics, RejectionRecorder rejections, ObjectMapper mapper)
            throws JsonProcessingException {
        this.maxBodyBytes = config.webhook().maxBodyBytes();
        this.metrics = metrics;
        this.rejections = rejections;
        this.problem = mapper.writeValueAsString(Responses.tooLargeProblem(maxBodyBytes));
    }

    /**
     * Right after Quarkus' first handlers: in dev mode one of them reloads changed code and replays the request
     * to the new application, which needs the body still unread.
     */
    void install(@Observes Router router) {
        router.post("/webhooks/cobrowse")
                .order(RouteConstants.ROUTE_ORDER_BODY_HANDLER)
                .handler(this::read);
    }

    private void read(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request.getHeader("Content-Length"));
        if (declared > maxBodyBytes) {
            refuse(ctx, 0);
            return;
        }
        if (request.isEnded()) {
            // nothing more to read (a request without a body)
            ctx.next();
            return;
        }
        Buffer body = Buffer.buffer(declared >= 0 ? (int) declared : FIRST_CHUNKED_BUFFER);
        request.handler(chunk -> {
            long length = (long) body.length() + chunk.length();
            if (length > maxBodyBytes) {
                refuse(ctx, length);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            ctx.setBody(body);
            ctx.next();
        });
        // a sender that goes away mid-body gets no answer; what it sent is dropped with the request
        request.exceptionHandler(failure -> {});
        request.resume();
    }

    /** Drops what arrives from now on and answers 413 once the sender has finished. */
    private void refuse(RoutingContext ctx, long alreadyRead) {
        metrics.rejected(413);
        HttpServerRequest request = ctx.request();
        rejections.refused(
                413, Responses.tooLargeProblem(maxBodyBytes).detail(), request.getHeader("webhook-id"), Instant.now());
        long[] drained = {alreadyRead};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_LIMIT) {
                request.connection().close();
            }
        });
        request.endHandler(end -> ctx.response()
                .setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Buffer.buffer(problem)));
        request.resume();
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
