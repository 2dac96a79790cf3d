package com.example.myamazingapp.system;

import java.util.List;

public class MissingConfigurationException extends RuntimeException {

    private final List<String> missing;
    private final String action;

    private MissingConfigurationException(String message, List<String> missing, String action) {
        super(message);
        this.missing = List.copyOf(missing);
        this.action = action;
    }

    static MissingConfigurationException onAws(List<String> missing) {
        return new MissingConfigurationException(
                "Missing required environment variable(s) for the aws profile: " + String.join(", ", missing),
                missing,
                "Set " + String.join(", ", missing) + " in the environment (the ECS task definition sets them all).");
    }

    static MissingConfigurationException noDatabase() {
        return new MissingConfigurationException(
                "No database configured: DATABASE_HOST is not set, and this build carries no embedded PostgreSQL "
                        + "(the production jar leaves it out).",
                List.of("DATABASE_HOST"),
                "Set DATABASE_HOST (and DATABASE_NAME, DATABASE_USER, DATABASE_PASSWORD) to a PostgreSQL server, "
                        + "or run the embedded default with ./mvnw -pl app spring-boot:run.");
    }

    public List<String> missing() {
        return missing;
    }

    String action() {
        return action;
    }
}
