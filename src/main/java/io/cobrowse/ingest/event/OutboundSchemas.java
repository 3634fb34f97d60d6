package io.cobrowse.ingest.event;

import java.net.URI;

/**
 * The JSON Schemas of the records' values (src/main/resources/schemas), by their {@code $id}: each record names
 * its own in the CloudEvents {@code dataschema} attribute.
 */
public final class OutboundSchemas {

    public static final URI VISITOR = URI.create("urn:cobrowse-ingest:schemas:visitor.v1");
    public static final URI SESSION = URI.create("urn:cobrowse-ingest:schemas:session.v1");

    private OutboundSchemas() {}

    /** The schema of the value of a record of the given CloudEvents type ({@code cobrowse.} + the event type). */
    public static URI forCeType(String ceType) {
        return ceType.startsWith("cobrowse.visitor.") ? VISITOR : SESSION;
    }
}
