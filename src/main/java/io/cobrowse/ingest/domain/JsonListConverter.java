package io.cobrowse.ingest.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.cobrowse.ingest.event.NormalizedSession;
import io.cobrowse.ingest.event.OutboundJson;
import jakarta.persistence.AttributeConverter;
import java.util.List;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;

/**
 * A list of values kept as one jsonb array (snake_case names, datetimes as ISO 8601 UTC): lists that a
 * snapshot replaces as a whole and that are read only with their row, so they are written with it in
 * the same statement instead of as rows of a table of their own. The lists and their elements are
 * immutable (replaced, never changed in place), so Hibernate compares them as they are instead of keeping
 * a copy of each loaded list through a JSON round trip.
 */
@Mutability(Immutability.class)
public abstract class JsonListConverter<E> implements AttributeConverter<List<E>, String> {

    private final JavaType type;

    JsonListConverter(Class<E> element) {
        this.type = OutboundJson.MAPPER.getTypeFactory().constructCollectionType(List.class, element);
    }

    @Override
    public String convertToDatabaseColumn(List<E> list) {
        return OutboundJson.write(list == null ? List.of() : list);
    }

    @Override
    public List<E> convertToEntityAttribute(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<E> list = OutboundJson.MAPPER.readValue(json, type);
            return List.copyOf(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored list is not the expected JSON", e);
        }
    }

    public static final class AgentNotes extends JsonListConverter<AgentNote> {
        public AgentNotes() {
            super(AgentNote.class);
        }
    }

    public static final class QualityFeedbacks extends JsonListConverter<QualityFeedback> {
        public QualityFeedbacks() {
            super(QualityFeedback.class);
        }
    }

    public static final class Connections extends JsonListConverter<NormalizedSession.Connection> {
        public Connections() {
            super(NormalizedSession.Connection.class);
        }
    }
}
