package io.cobrowse.ingest.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed certificate for the local servers' TLS listeners, valid for 127.0.0.1 and localhost, made with
 * the JDK's keytool (nothing else is needed on the machine). It is its own certificate authority: clients that
 * trust {@link #certificate()} verify the servers' identity, as they would with a real one.
 *
 * @param keystore the key and certificate as PKCS12, for the broker
 * @param certificate the certificate as PEM, for PostgreSQL and for clients to trust
 * @param privateKey the private key as PKCS#8 PEM, readable by its owner only (PostgreSQL insists)
 */
public record LocalCertificates(Path keystore, Path certificate, Path privateKey) {

    /** The password of {@link #keystore()}; it guards a throwaway key on loopback. */
    public static final String KEYSTORE_PASSWORD = "local-tls-only";

    private static final String ALIAS = "local";

    public static LocalCertificates create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keystore = dir.resolve("server.p12");
        Files.deleteIfExists(keystore);
        run(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "7",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                KEYSTORE_PASSWORD));
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
            Certificate certificate = store.getCertificate(ALIAS);
            Key key = store.getKey(ALIAS, KEYSTORE_PASSWORD.toCharArray());
            Path cert = dir.resolve("server.crt");
            Path keyFile = dir.resolve("server.key");
            Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
            Files.deleteIfExists(keyFile);
            Files.createFile(
                    keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new LocalCertificates(keystore, cert, keyFile);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the keystore keytool wrote", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
