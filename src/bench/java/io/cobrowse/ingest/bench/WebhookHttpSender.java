package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.webhook.SignatureVerifier;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends signed webhooks over one keep-alive HTTP/1.1 connection, blocking. Deliberately minimal: a
 * general HTTP client would spend more of the machine's two cores than the service it measures.
 */
final class WebhookHttpSender implements EventSink {

    private final String host;
    private final int port;
    private final String secret;
    private final byte[] requestLine;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    WebhookHttpSender(String host, int port, String secret) {
        this.host = host;
        this.port = port;
        this.secret = secret;
        this.requestLine = ("POST /webhooks/cobrowse HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nContent-Type: application/json\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int deliver(GeneratedEvent e) throws IOException {
        if (socket == null) {
            connect();
        }
        long now = System.currentTimeMillis() / 1000;
        String headers = "webhook-id: " + e.webhookId() + "\r\nwebhook-timestamp: " + now
                + "\r\nwebhook-signature: v1," + SignatureVerifier.sign(secret, e.webhookId(), now, e.body())
                + "\r\nContent-Length: " + e.body().length + "\r\n\r\n";
        try {
            out.write(requestLine);
            out.write(headers.getBytes(StandardCharsets.US_ASCII));
            out.write(e.body());
            out.flush();
            return readResponse();
        } catch (IOException failed) {
            close();
            throw failed;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(30_000);
        s.connect(new InetSocketAddress(host, port), 5_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = new BufferedOutputStream(s.getOutputStream(), 8192);
    }

    /** Reads status, headers and body (length-delimited or chunked) and returns the status code. */
    private int readResponse() throws IOException {
        String statusLine = readLine();
        int firstSpace = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/1.") || firstSpace < 0 || statusLine.length() < firstSpace + 4) {
            throw new IOException("not an HTTP response");
        }
        int status = Integer.parseInt(statusLine.substring(firstSpace + 1, firstSpace + 4));
        long length = 0;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            String h = line.toLowerCase(Locale.ROOT);
            if (h.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            } else if (h.startsWith("connection:") && h.contains("close")) {
                closeAfter = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16);
                    size > 0;
                    size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                skip(size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else {
            skip(length);
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the service");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void skip(long n) throws IOException {
        for (long left = n; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed by the service");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
            socket = null;
        }
    }
}
