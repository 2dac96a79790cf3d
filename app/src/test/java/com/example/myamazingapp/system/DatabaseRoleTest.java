package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The task's two database users, as on AWS: a database owned by a non-superuser owner that may create roles (like RDS's
 * master user), Flyway migrating as that owner (FLYWAY_USER) and the application connecting as its own role
 * (DATABASE_USER), which the start-up creates. The application works; its role can read and write but PostgreSQL
 * refuses it every schema or role change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseRoleTest {

    static final String DATABASE = "roles";
    static final String OWNER = "schema_owner";
    static final String APPLICATION = "application_rw";
    static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void twoUsers(DynamicPropertyRegistry registry) throws SQLException {
        try (var connection = TestDatabase.get().getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + OWNER + " LOGIN CREATEROLE PASSWORD 'owner-secret'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        }
        IntegrationTest.environment(
                registry,
                Map.of(
                        "DATABASE_NAME", () -> DATABASE,
                        "DATABASE_USER", () -> APPLICATION,
                        "DATABASE_PASSWORD", () -> "it's-generated",
                        "FLYWAY_USER", () -> OWNER,
                        "FLYWAY_PASSWORD", () -> "owner-secret"));
    }

    static Connection connect(String user) throws SQLException {
        return DriverManager.getConnection(TestDatabase.get().getJdbcUrl(user, DATABASE));
    }

    @Test
    void theApplicationServesAsItsOwnRoleWhichOwnsNothingAndCannotCreateRoles() throws SQLException {
        var user = new ApiClient(port).newAccount();
        assertThat(user.put("rows.txt", "written by the application role".getBytes(), "text/plain")
                        .status())
                .isEqualTo(201);

        try (var connection = connect(OWNER);
                var statement = connection.createStatement();
                var roles = statement.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles"
                        + " WHERE rolname = '" + APPLICATION + "'")) {
            assertThat(roles.next()).as("the start-up created the role").isTrue();
            assertThat(roles.getBoolean(1) || roles.getBoolean(2) || roles.getBoolean(3))
                    .isFalse();
            var tables = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tableowner = '" + APPLICATION + "'");
            tables.next();
            assertThat(tables.getInt(1))
                    .as("tables owned by the application role")
                    .isZero();
        }

        try (var connection = connect(APPLICATION);
                var statement = connection.createStatement()) {
            try (var files = statement.executeQuery("SELECT count(*) FROM stored_files")) {
                files.next();
                assertThat(files.getInt(1)).isEqualTo(1);
            }
            for (var change : new String[] {
                "CREATE TABLE intruder (id int)",
                "ALTER TABLE stored_files ADD COLUMN intruder int",
                "DROP TABLE stored_files",
                "CREATE ROLE intruder LOGIN",
                "DELETE FROM flyway_schema_history"
            }) {
                assertThatThrownBy(() -> statement.execute(change))
                        .as(change)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                refused -> assertThat(refused.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    @Test
    void aTableALaterMigrationCreatesIsTheApplicationsToReadAndWrite() throws SQLException {
        try (var owner = connect(OWNER);
                var statement = owner.createStatement()) {
            statement.execute("CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text)");
        }
        try (var application = connect(APPLICATION);
                var statement = application.createStatement()) {
            statement.execute("INSERT INTO later_feature (note) VALUES ('new')");
            statement.execute("UPDATE later_feature SET note = 'changed'");
            try (var rows = statement.executeQuery("SELECT note FROM later_feature")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("changed");
            }
            statement.execute("DELETE FROM later_feature");
        }
    }
}
