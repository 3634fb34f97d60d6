package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service's retention metrics, read from its Prometheus endpoint: rows removed and batch time per kind. */
final class RetentionScrape {

    /** Rows removed so far, and the seconds their batches took, per kind (raw_body, webhook, published). */
    record Totals(Map<String, Double> rows, Map<String, Double> batchSeconds) {

        double rows(String kind) {
            return rows.getOrDefault(kind, 0.0);
        }

        double seconds(String kind) {
            return batchSeconds.getOrDefault(kind, 0.0);
        }
    }

    private static final Pattern ROWS =
            Pattern.compile("(?m)^cobrowse_retention_rows_total\\{[^}]*kind=\"(\\w+)\"[^}]*} (\\S+)$");
    private static final Pattern SECONDS =
            Pattern.compile("(?m)^cobrowse_retention_batch_seconds_sum\\{[^}]*kind=\"(\\w+)\"[^}]*} (\\S+)$");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI metrics;

    RetentionScrape(int managementPort) {
        this.metrics = URI.create("http://127.0.0.1:" + managementPort + "/q/metrics");
    }

    Totals read() throws IOException, InterruptedException {
        String text = http.send(
                        HttpRequest.newBuilder(metrics)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return new Totals(values(ROWS, text), values(SECONDS, text));
    }

    private static Map<String, Double> values(Pattern p, String text) {
        Map<String, Double> out = new HashMap<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }
}
