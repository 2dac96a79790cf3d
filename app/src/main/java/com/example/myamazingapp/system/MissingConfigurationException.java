package com.example.myamazingapp.system;

import java.util.List;

public class MissingConfigurationException extends RuntimeException {

    private final List<String> missing;

    MissingConfigurationException(List<String> missing) {
        super("Missing required environment variable(s) for the aws profile: " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
