package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.event.EventType;
import io.cobrowse.ingest.event.OutboundJson;
import java.util.Arrays;
import java.util.List;

/**
 * What a reprocessing applies: the stored unhandled webhooks of the given types (wire names, all of them
 * known to this build), or of every type this build knows when null. Stored as the job's request (JSON).
 */
public record ReprocessingRequest(List<String> types) {

    /** The types to reprocess: those asked for, or the whole catalog. */
    List<String> typesOrAll() {
        return types != null
                ? types
                : Arrays.stream(EventType.values()).map(EventType::wireName).toList();
    }

    String json() {
        return OutboundJson.write(this);
    }

    static ReprocessingRequest of(String json) {
        return OutboundJson.read(json, ReprocessingRequest.class);
    }
}
