package io.cobrowse.ingest.api;

import com.fasterxml.jackson.databind.util.RawValue;
import java.util.List;

/** JSON documents written into a response as they are, byte for byte (not parsed and written again). */
final class RawJson {

    private RawJson() {}

    static List<Object> list(List<String> documents) {
        return documents.stream().<Object>map(RawValue::new).toList();
    }
}
