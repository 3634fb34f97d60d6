package io.cobrowse.ingest.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The HTTP server's request timer as a histogram too, so that the webhook's latency adds up across replicas. */
public class HttpHistograms {

    @Produces
    @Singleton
    public MeterFilter httpServerRequestsAsHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Histograms.SHORTEST.toNanos())
                        .maximumExpectedValue((double) Histograms.LONGEST.toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
