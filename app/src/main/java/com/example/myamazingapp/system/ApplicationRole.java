package com.example.myamazingapp.system;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After every migration, on the owner's connection: the application's own login role exists, has the password the task
 * was given, and may read and write the application's tables and use their sequences, now and for every table a later
 * migration creates (default privileges of the owner), but owns nothing: it cannot create, alter or drop a table, nor
 * create a role. A callback rather than a versioned migration, so that the role follows a changed password at the next
 * start and the password never enters the schema history.
 */
class ApplicationRole implements Callback {

    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String name;
    private final String password;

    ApplicationRole(String name, String password) {
        if (!ROLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("DATABASE_USER must be a plain PostgreSQL role name (was " + name + ")");
        }
        this.name = name;
        this.password = password;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        var history = context.getConfiguration().getTable();
        var statements = List.of(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + name + "') THEN CREATE ROLE "
                        + name + " LOGIN; END IF; END $$",
                // ALTER ROLE takes no bind parameters: a literal with its quotes doubled (standard_conforming_strings).
                "ALTER ROLE " + name + " WITH LOGIN PASSWORD '" + password.replace("'", "''") + "'",
                "GRANT USAGE ON SCHEMA public TO " + name,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + name,
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + name,
                "REVOKE ALL ON TABLE " + history + " FROM " + name,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + name,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + name);
        try (var statement = context.getConnection().createStatement()) {
            for (var sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            // PostgreSQL's message, never the statement: it holds the password.
            throw new IllegalStateException(
                    "Could not set up the application's database role " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "application role";
    }
}
