package com.example.myamazingapp.infra.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The logical id CDK gives the resource at a construct path (its {@code makeUniqueId}): the path's letters and digits,
 * without "Resource" components and repeats, followed by 8 characters of the path's MD5; a lone short component as it
 * is. "Default" components do not count.
 */
final class LogicalIds {

    private LogicalIds() {}

    static String of(List<String> path) {
        var components =
                path.stream().filter(component -> !component.equals("Default")).toList();
        if (components.size() == 1 && alphanumeric(components.getFirst()).length() <= 255) {
            return alphanumeric(components.getFirst());
        }
        var human = new StringBuilder();
        var kept = new ArrayList<String>();
        for (var component : components) {
            if (kept.isEmpty() || !kept.getLast().endsWith(component)) {
                kept.add(component);
            }
        }
        kept.stream()
                .filter(component -> !component.equals("Resource"))
                .map(LogicalIds::alphanumeric)
                .forEach(human::append);
        return human.substring(0, Math.min(human.length(), 240)) + hash(String.join("/", components));
    }

    private static String alphanumeric(String text) {
        return text.replaceAll("[^A-Za-z0-9]", "");
    }

    private static String hash(String path) {
        try {
            var md5 = MessageDigest.getInstance("MD5").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5).substring(0, 8).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
