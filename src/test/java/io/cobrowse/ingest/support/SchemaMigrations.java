package io.cobrowse.ingest.support;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The service's migrations, pointed at a schema of a test's own, to check what one version of them leaves. */
public final class SchemaMigrations {

    private SchemaMigrations() {}

    public static FluentConfiguration of(DataSource dataSource, String schema) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration");
    }
}
