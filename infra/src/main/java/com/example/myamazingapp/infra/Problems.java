package com.example.myamazingapp.infra;

import java.util.ArrayList;
import java.util.List;

/** The problems found in a configuration, collected so that one error names them all. */
public final class Problems {

    private final List<String> problems = new ArrayList<>();

    /** Notes {@code problem} unless {@code ok}. */
    public void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    /** Throws one error that starts with {@code heading} and lists every problem, if there is any. */
    public void throwIfAny(String heading) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(heading + "\n - " + String.join("\n - ", problems));
        }
    }
}
