package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.infra.JavaCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The dual-write receiver ({@link DualWriteReceiver}) in a JVM of its own, started with the JVM's defaults as
 * the service is, so that its CPU is measured the way the service's is.
 */
final class ReceiverProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ReceiverProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ReceiverProcess start(Map<String, String> properties, Map<String, String> env, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JavaCommand.java()));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DualWriteReceiver.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new ReceiverProcess(pb.start(), log);
    }

    void awaitListening(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(300);
            }
        }
        throw new IOException("the dual-write receiver did not start listening, see " + log);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
