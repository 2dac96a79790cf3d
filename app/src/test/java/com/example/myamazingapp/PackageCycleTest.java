package com.example.myamazingapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The feature packages depend on each other in one direction only (package by feature: a cycle means two features are
 * really one, or that shared code sits in the wrong place). Read from the sources: every mention of another package of
 * the application, imported or fully qualified.
 */
class PackageCycleTest {

    private static final Path SOURCES = Path.of("src/main/java/com/example/myamazingapp");
    private static final Pattern MENTION = Pattern.compile("com\\.example\\.myamazingapp\\.([a-z]+)\\.");

    @Test
    void theFeaturePackagesHaveNoCycle() throws IOException {
        var dependencies = dependencies();
        assertThat(dependencies).as("feature packages found").containsKeys("accounts", "files", "web");

        var cycles = new ArrayList<String>();
        for (var start : dependencies.keySet()) {
            findCycles(start, start, new ArrayList<>(List.of(start)), dependencies, cycles);
        }
        assertThat(cycles).as("package cycles (dependencies: %s)", dependencies).isEmpty();
    }

    /** Each cycle is reported once, from its alphabetically first package. */
    private static void findCycles(
            String start, String at, List<String> path, Map<String, Set<String>> dependencies, List<String> cycles) {
        for (var next : dependencies.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                findCycles(start, next, path, dependencies, cycles);
                path.removeLast();
            }
        }
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        var dependencies = new TreeMap<String, Set<String>>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class itself, above the features
                }
                var from = relative.getName(0).toString();
                var uses = dependencies.computeIfAbsent(from, name -> new TreeSet<>());
                MENTION.matcher(Files.readString(file))
                        .results()
                        .map(match -> match.group(1))
                        .filter(to -> !to.equals(from))
                        .forEach(uses::add);
            }
        }
        return dependencies;
    }
}
