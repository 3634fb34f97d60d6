package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowse.ingest.infra.JavaCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link LoadDriver} in a second JVM with this JVM's classpath, and turns its output into calls
 * of a {@link Listener}: window start and end (to sample CPU and memory), then each step's result.
 * Everything else the driver prints goes to its log file.
 */
final class DriverProcess implements AutoCloseable {

    interface Listener {
        void windowStarted(String step);

        void windowEnded(String step);

        void result(StepResult result);

        /** @param jitPercent the service's JIT compiler threads, % of one core (0 for the baseline) */
        void warmUpSlice(double perSecond, double jitPercent);
    }

    private final Process process;

    private DriverProcess(Process process) {
        this.process = process;
    }

    long pid() {
        return process.pid();
    }

    static DriverProcess start(String mode, Map<String, String> properties, Map<String, String> env)
            throws IOException {
        // a collector without long pauses: a paused sender sends late, and that lateness counts in the latencies
        // (its young-generation pauses with the parallel collector were 18 to 90 ms); its GC log goes to its log
        List<String> cmd =
                new ArrayList<>(List.of(JavaCommand.java(), "-Xms256m", "-Xmx1g", "-XX:+UseZGC", "-Xlog:gc:stdout"));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadDriver.class.getName(), mode));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new DriverProcess(pb.start());
    }

    /** Reads the driver's output until it exits; fails when it did not exit cleanly. */
    void follow(Listener listener, Path log) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(DriverProtocol.WINDOW_START + " ")) {
                    listener.windowStarted(line.substring(DriverProtocol.WINDOW_START.length() + 1));
                } else if (line.startsWith(DriverProtocol.WINDOW_END + " ")) {
                    listener.windowEnded(line.substring(DriverProtocol.WINDOW_END.length() + 1));
                } else if (line.startsWith(DriverProtocol.WARMUP + " ")) {
                    String[] f =
                            line.substring(DriverProtocol.WARMUP.length() + 1).split(" ");
                    listener.warmUpSlice(Double.parseDouble(f[0]), Double.parseDouble(f[1]));
                } else if (line.startsWith(DriverProtocol.RESULT + " ")) {
                    StepResult r = json.readValue(line.substring(DriverProtocol.RESULT.length() + 1), StepResult.class);
                    listener.result(r);
                } else {
                    out.println(line);
                    out.flush();
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException("the load driver exited with " + exit + ", see " + log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public String toString() {
        return "the load driver";
    }
}
