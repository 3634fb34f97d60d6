package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline's own database on the service's PostgreSQL server, with the service's schema built by
 * running its migrations in version order over plain JDBC (no Flyway: the baseline stays minimal).
 */
final class BaselineDatabase {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    private BaselineDatabase() {}

    /** Creates (afresh) the baseline's database and returns its JDBC URL. */
    static String create(String serviceUrl, String user, String password, Path migrations)
            throws SQLException, IOException {
        return create(serviceUrl, user, password, migrations, "_baseline");
    }

    /** Creates (afresh) the database named the service's plus the suffix, and returns its JDBC URL. */
    static String create(String serviceUrl, String user, String password, Path migrations, String suffix)
            throws SQLException, IOException {
        Matcher m = URL.matcher(serviceUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL with a database: " + serviceUrl);
        }
        String name = m.group(2) + suffix;
        try (Connection c = DriverManager.getConnection(serviceUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        String url = m.group(1) + name + m.group(3);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            for (Path file : migrations(migrations)) {
                s.execute(Files.readString(file));
            }
        }
        return url;
    }

    private static List<Path> migrations(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> sorted = files.filter(
                            f -> VERSION.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(BaselineDatabase::version))
                    .toList();
            if (sorted.isEmpty()) {
                throw new IOException("no migrations in " + dir);
            }
            return sorted;
        }
    }

    private static long version(Path file) {
        Matcher m = VERSION.matcher(file.getFileName().toString());
        m.matches();
        return Long.parseLong(m.group(1));
    }
}
