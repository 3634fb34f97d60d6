package io.cobrowse.ingest.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowse.ingest.event.InboundData.VisitorData;
import io.cobrowse.ingest.event.Normalization;
import io.cobrowse.ingest.event.NormalizedVisitor;
import io.cobrowse.ingest.event.OutboundJson;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Inbound visitor snapshot to entity, entity to outbound form, and erasure: pure functions. */
public final class VisitorMapping {

    /** What an erasure keeps of a visitor (contract section 4), as named on the topic. */
    private static final Set<String> KEPT_ON_ERASURE = Set.of("short_id", "api_key", "sdk", "added_at");

    private VisitorMapping() {}

    /** Replaces every attribute of the visitor with the normalized snapshot. */
    public static void apply(VisitorData d, Visitor v) {
        v.addedAt = d.addedAt();
        v.apiKey = d.apiKey();
        v.browserName = d.browserName();
        v.callName = d.callName();
        v.deviceName = d.deviceName();
        v.deviceType = Normalization.enumeration(d.deviceType(), Normalization.DEVICE_TYPES);
        v.email = d.email();
        v.identities = array(d.identities());
        v.integration = d.integration();
        v.ipAddress = d.ipAddress();
        v.isInSession = d.isInSession();
        v.isOnline = d.isOnline();
        v.isSupported = d.isSupported();
        v.isWaitingForCall = d.isWaitingForCall();
        v.jsConfiguration = d.jsConfiguration();
        v.lastSeenAt = d.lastSeenAt();
        v.lastUrl = d.lastUrl();
        v.locationCity = d.locationCity();
        v.locationCountryName = d.locationCountryName();
        v.locationCountry = d.locationCountry();
        v.lookupCode = d.lookupCode();
        v.name = Normalization.visitorName(d.name(), d.identities());
        v.nickname = Normalization.nickname(v.name, d.email(), d.shortId());
        v.tags = array(d.tags());
        v.uniqueId = d.uniqueId();
        v.watchLink = d.watchLink();
        v.sdk = Normalization.enumeration(d.sdk(), Normalization.SDKS);
    }

    /** Keeps only short_id, api_key, sdk and added_at; everything else null, arrays empty. */
    public static void erase(Visitor v) {
        v.browserName = null;
        v.callName = null;
        v.deviceName = null;
        v.deviceType = null;
        v.email = null;
        v.identities = new String[0];
        v.integration = null;
        v.ipAddress = null;
        v.isInSession = null;
        v.isOnline = null;
        v.isSupported = null;
        v.isWaitingForCall = null;
        v.jsConfiguration = null;
        v.lastSeenAt = null;
        v.lastUrl = null;
        v.locationCity = null;
        v.locationCountryName = null;
        v.locationCountry = null;
        v.lookupCode = null;
        v.name = null;
        v.nickname = null;
        v.tags = new String[0];
        v.uniqueId = null;
        v.watchLink = null;
    }

    /** The same erasure on a normalized visitor already written as JSON (an outbox row). */
    public static String erasedJson(String normalizedVisitor) {
        ObjectNode node = (ObjectNode) OutboundJson.tree(normalizedVisitor);
        for (String field :
                List.copyOf(node.properties().stream().map(Map.Entry::getKey).toList())) {
            if (!KEPT_ON_ERASURE.contains(field)) {
                if (node.get(field).isArray()) {
                    node.putArray(field);
                } else {
                    node.putNull(field);
                }
            }
        }
        return OutboundJson.write(node);
    }

    public static NormalizedVisitor normalized(Visitor v) {
        return new NormalizedVisitor(
                v.addedAt,
                v.apiKey,
                v.browserName,
                v.callName,
                v.deviceName,
                v.deviceType,
                v.email,
                list(v.identities),
                v.integration,
                v.ipAddress,
                v.isInSession,
                v.isOnline,
                v.isSupported,
                v.isWaitingForCall,
                v.jsConfiguration,
                v.lastSeenAt,
                v.lastUrl,
                v.locationCity,
                v.locationCountryName,
                v.locationCountry,
                v.lookupCode,
                v.name,
                v.nickname,
                v.shortId,
                list(v.tags),
                v.uniqueId,
                v.watchLink,
                v.sdk);
    }

    static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}
