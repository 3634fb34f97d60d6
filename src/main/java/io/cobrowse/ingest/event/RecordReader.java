package io.cobrowse.ingest.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads a JSON object into an inbound record whose components are its fields: each component's name
 * is the field's name as sent and its type the JSON type expected, checked as strictly as
 * {@link FieldReader} does. So a wide object's fields are spelled once, in its record, and read by
 * name, never by position.
 */
final class RecordReader {

    /** A field that must be present and not blank. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Required {}

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private RecordReader() {}

    /** The record read from the reader's object; fields at fault are added to its errors (and read as null). */
    static <R extends Record> R read(FieldReader r, Class<R> type) {
        Shape shape = SHAPES.get(type);
        Object[] values = new Object[shape.components().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(r, shape.components()[i]);
        }
        try {
            return type.cast(shape.constructor().newInstance(values));
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object value(FieldReader r, RecordComponent c) {
        String field = c.getName();
        Class<?> type = c.getType();
        if (type == String.class) {
            return c.isAnnotationPresent(Required.class) ? r.requiredString(field) : r.string(field);
        }
        if (type == Boolean.class) {
            return r.bool(field);
        }
        if (type == Integer.class) {
            return r.integer(field);
        }
        if (type == Long.class) {
            return r.longValue(field);
        }
        if (type == BigDecimal.class) {
            return r.decimal(field);
        }
        if (type == Instant.class) {
            return r.datetime(field);
        }
        Class<? extends Record> nested = (Class<? extends Record>) type;
        return r.nested(field, n -> read(n, nested));
    }

    /** A record's components and canonical constructor, checked once per type. */
    private record Shape(RecordComponent[] components, Constructor<?> constructor) {

        static Shape of(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent c : components) {
                Class<?> t = c.getType();
                boolean readable = t == String.class
                        || t == Boolean.class
                        || t == Integer.class
                        || t == Long.class
                        || t == BigDecimal.class
                        || t == Instant.class
                        || t.isRecord();
                if (!readable) {
                    throw new IllegalArgumentException(type.getName() + "." + c.getName() + " has no JSON reading");
                }
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                return new Shape(components, constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
            }
        }
    }
}
