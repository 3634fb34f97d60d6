package io.cobrowse.ingest.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 digests: of a webhook's body (its dedupe fingerprint) and of an API key (compared in constant time). */
public final class Sha256 {

    private Sha256() {}

    public static byte[] of(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            // every Java runtime must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
