package io.cobrowse.ingest.store;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

/**
 * The HQL function {@code array_has(:keys, key)}: true when the key is an element of the array parameter, rendered
 * as {@code key = any(?)}. A list of any length is then one parameter, so Hibernate translates the query once and
 * PostgreSQL reads the key's index once per element. The array comes first: a function's last argument may take a
 * list of values, and a query with such a parameter is translated anew on every execution.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class ArrayHasFunction implements FunctionContributor {

    static final String NAME = "array_has";

    @Override
    public void contributeFunctions(FunctionContributions functions) {
        functions
                .getFunctionRegistry()
                .patternDescriptorBuilder(NAME, "(?2 = any(?1))")
                .setExactArgumentCount(2)
                .setInvariantType(
                        functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.BOOLEAN))
                .register();
    }
}
