package io.cobrowse.ingest.api;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.event.Sha256;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator API's bearer keys and their roles. Created at start-up, so that a malformed or short key stops the
 * service at once; messages name an entry by its position, never by its key.
 */
@Startup
@Singleton
public class ApiKeys {

    /** Shorter keys can be guessed by a sender who reaches the public port. */
    static final int MIN_KEY_LENGTH = 32;

    static final Set<String> ROLES = Set.of(ApiRoles.READ, ApiRoles.REPLAY, ApiRoles.ERASE);

    /** A configured entry: the SHA-256 of its key, so every comparison takes the same time. */
    private record Entry(String name, byte[] keyHash, String role) {}

    /** Who a key is, for audit (the entry's position, never the key), and what it may do. */
    public record Caller(String name, Set<String> roles) {}

    private final List<Entry> entries;

    @Inject
    public ApiKeys(IngestConfig config) {
        this(config.api().keys().orElse(List.of()));
    }

    ApiKeys(List<String> configured) {
        List<Entry> parsed = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String entry = configured.get(i).trim();
            if (entry.isEmpty()) {
                continue;
            }
            String position = "Entry " + (i + 1) + " of COBROWSE_API_KEYS";
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalStateException(position + " is not of the form role=key (roles: read, replay, erase)");
            }
            String role = entry.substring(0, eq).trim();
            String key = entry.substring(eq + 1).trim();
            if (!ROLES.contains(role)) {
                throw new IllegalStateException(
                        position + " names an unknown role: the roles are read, replay and erase");
            }
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalStateException(position + " has a key shorter than " + MIN_KEY_LENGTH
                        + " characters; generate one with, for example, openssl rand -hex 32");
            }
            parsed.add(new Entry("api-key-" + (i + 1), Sha256.of(key.getBytes(StandardCharsets.UTF_8)), role));
        }
        this.entries = List.copyOf(parsed);
    }

    /**
     * The caller a presented key identifies, if any. Every configured key is compared, each in constant time, so
     * the time taken says nothing about which key, or how much of one, matched.
     */
    public Optional<Caller> identify(String presented) {
        byte[] hash = Sha256.of(presented.getBytes(StandardCharsets.UTF_8));
        String name = null;
        Set<String> roles = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.keyHash(), hash)) {
                name = name == null ? e.name() : name;
                roles.add(e.role());
            }
        }
        return name == null ? Optional.empty() : Optional.of(new Caller(name, Set.copyOf(roles)));
    }

    public boolean any() {
        return !entries.isEmpty();
    }
}
