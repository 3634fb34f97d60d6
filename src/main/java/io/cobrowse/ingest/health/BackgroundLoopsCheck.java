package io.cobrowse.ingest.health;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN only when a background loop (the relay, a writer, the topic set-up) has ended while it should run,
 * or has stopped coming round: a restart helps then. A backlog, Kafka or PostgreSQL being away keep the
 * loops going (they retry), so they never turn it DOWN.
 */
@Liveness
public class BackgroundLoopsCheck implements HealthCheck {

    private final Duration staleAfter;

    public BackgroundLoopsCheck(IngestConfig config) {
        this.staleAfter = config.health().loopStaleAfter();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b =
                HealthCheckResponse.named("background loops").up();
        for (BackgroundLoop loop : BackgroundLoop.all()) {
            String problem = loop.problem(staleAfter);
            b.withData(loop.name(), problem == null ? "running" : problem);
            if (problem != null) {
                b.down();
            }
        }
        return b.build();
    }
}
