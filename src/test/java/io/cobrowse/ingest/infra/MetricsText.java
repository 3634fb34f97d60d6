package io.cobrowse.ingest.infra;

/** Values read from a service's /q/metrics, the Prometheus text format. */
public final class MetricsText {

    private MetricsText() {}

    /** The sum of a metric's samples over all their labels, 0 when it has none. */
    public static double sum(String body, String metric) {
        return body.lines()
                .filter(l -> l.startsWith(metric + " ") || l.startsWith(metric + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
