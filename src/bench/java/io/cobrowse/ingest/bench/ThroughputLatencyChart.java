package io.cobrowse.ingest.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Draws throughput-latency.png with Java2D: throughput of the service and of the baseline against
 * concurrency (left), and acknowledgement p99 against concurrency (right). Concurrency is on a log
 * scale, since the steps double.
 */
final class ThroughputLatencyChart {

    private static final int PANEL_W = 560;
    private static final int H = 470;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 80;
    private static final Color SERVICE = new Color(0x1f77b4);
    private static final Color BASELINE = new Color(0xff7f0e);
    private static final Color TARGET = new Color(0xd62728);

    private ThroughputLatencyChart() {}

    record Series(String label, Color color, Function<StepReport, Double> value, boolean dashed) {}

    static void write(BenchReport report, Path file) throws IOException {
        BufferedImage image = new BufferedImage(PANEL_W * 2, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, PANEL_W * 2, H);
        List<StepReport> steps = report.steps();
        panel(
                g,
                0,
                steps,
                "Throughput vs concurrency",
                "events / s",
                List.of(
                        new Series("service (accepted webhooks/s)", SERVICE, s -> rate(s.service()), false),
                        new Series("baseline (plain SQL, 1 tx/event)", BASELINE, s -> rate(s.baseline()), false)),
                null);
        panel(
                g,
                PANEL_W,
                steps,
                "Acknowledgement p99 vs concurrency",
                "p99 latency (ms)",
                List.of(
                        new Series(
                                "service ack p99",
                                SERVICE,
                                s -> s.service() == null ? null : s.service().ackP99(),
                                false),
                        new Series(
                                "baseline commit p99",
                                BASELINE,
                                s -> s.baseline() == null ? null : s.baseline().ackP99(),
                                true)),
                BenchReport.OPEN_LOOP_P99_TARGET_MS);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(
                "cobrowse-ingest, closed loop, " + report.settings().seconds() + " s per step; "
                        + report.machine().cores() + " cores, "
                        + report.machine().memoryTotalMb() + " MB; "
                        + report.startedAt(),
                10,
                H - 8);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static Double rate(StepResult r) {
        return r == null ? null : r.acceptedPerSecond();
    }

    private static void panel(
            Graphics2D g,
            int x0,
            List<StepReport> steps,
            String title,
            String yLabel,
            List<Series> series,
            Double referenceLine) {
        int plotX = x0 + LEFT;
        int plotW = PANEL_W - LEFT - RIGHT;
        int plotY = TOP;
        int plotH = H - TOP - BOTTOM;
        double yMax = referenceLine == null ? 0 : referenceLine * 1.2;
        for (Series s : series) {
            for (StepReport step : steps) {
                Double v = s.value().apply(step);
                if (v != null) {
                    yMax = Math.max(yMax, v);
                }
            }
        }
        double top = niceCeiling(yMax <= 0 ? 1 : yMax * 1.08);
        double xMin = Math.log(steps.get(0).concurrency());
        double xMax = Math.log(steps.get(steps.size() - 1).concurrency());
        // a single step sits in the middle
        Function<Integer, Integer> px = c -> xMax > xMin
                ? plotX + 15 + (int) ((Math.log(c) - xMin) / (xMax - xMin) * (plotW - 30))
                : plotX + plotW / 2;
        Function<Double, Integer> py = v -> plotY + plotH - (int) (v / top * plotH);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, plotX, TOP - 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            double v = top * i / 5;
            int y = py.apply(v);
            g.setColor(new Color(0xe8e8e8));
            g.drawLine(plotX, y, plotX + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, top >= 50 ? "%.0f" : "%.1f", v);
            g.drawString(label, plotX - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (StepReport step : steps) {
            int x = px.apply(step.concurrency());
            g.setColor(new Color(0xf0f0f0));
            g.drawLine(x, plotY, x, plotY + plotH);
            g.setColor(Color.DARK_GRAY);
            String label = String.valueOf(step.concurrency());
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, plotY + plotH + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(plotX, plotY, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        String xLabel = "concurrent senders (log scale)";
        g.drawString(xLabel, plotX + (plotW - g.getFontMetrics().stringWidth(xLabel)) / 2, plotY + plotH + 36);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(plotY + (plotH + g.getFontMetrics().stringWidth(yLabel)) / 2), x0 + 18);
        g.setTransform(saved);

        if (referenceLine != null) {
            g.setColor(TARGET);
            g.setStroke(
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            int y = py.apply(referenceLine);
            g.drawLine(plotX, y, plotX + plotW, y);
            // right-aligned, clear of the first points on the left
            String label = String.format(Locale.ROOT, "target %.0f ms (open loop at half peak)", referenceLine);
            g.drawString(label, plotX + plotW - 6 - g.getFontMetrics().stringWidth(label), y - 5);
        }
        int legendY = plotY + 16;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(
                    s.dashed()
                            ? new BasicStroke(
                                    2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
                            : new BasicStroke(2.2f));
            Integer lastX = null;
            Integer lastY = null;
            for (StepReport step : steps) {
                Double v = s.value().apply(step);
                if (v == null) {
                    continue;
                }
                int x = px.apply(step.concurrency());
                int y = py.apply(v);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (lastX != null) {
                    g.drawLine(lastX, lastY, x, y);
                }
                lastX = x;
                lastY = y;
            }
            g.drawLine(plotX + 10, legendY - 4, plotX + 34, legendY - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), plotX + 40, legendY);
            legendY += 16;
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least v. */
    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
