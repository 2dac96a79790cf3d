package com.example.myamazingapp.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;

/**
 * One fresh PostgreSQL per test JVM (temporary folder, random port), shared by every Spring test context; zonky's
 * shutdown hook stops it and removes the folder when the JVM ends.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

    public static synchronized EmbeddedPostgres get() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("myamazingapp-test-pg"))
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
            }
        }
        return postgres;
    }

    public static int port() {
        return get().getPort();
    }

    /** A new, empty database in the shared server, for tests that need a schema of their own. */
    public static String createDatabase(String name) {
        try (var connection = get().getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return get().getJdbcUrl("postgres", name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }
}
