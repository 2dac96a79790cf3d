package com.example.myamazingapp.files;

import java.text.Normalizer;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The user's file name is kept for display and the download's Content-Disposition only (any Unicode); it never becomes
 * a path or a storage key. Path parts, control and bidi-format characters are dropped, length is capped.
 */
final class FileNames {

    static final int MAX_CODE_POINTS = 255;
    static final String FALLBACK = "unnamed";

    private FileNames() {}

    static String clean(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        var name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        // Browsers used to send full client paths ("C:\\Users\\me\\a.txt"): keep the last part.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        var kept = new StringBuilder();
        name.codePoints()
                .filter(c -> switch (Character.getType(c)) {
                    case Character.CONTROL,
                            Character.FORMAT,
                            Character.SURROGATE,
                            Character.UNASSIGNED,
                            Character.LINE_SEPARATOR,
                            Character.PARAGRAPH_SEPARATOR,
                            Character.PRIVATE_USE -> false;
                    default -> true;
                })
                .forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return FALLBACK;
        }
        return truncate(name);
    }

    /** Cuts over-long names in the middle of the base name, keeping a short extension. */
    private static String truncate(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_CODE_POINTS) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        var extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        var base = name.substring(0, name.length() - extension.length());
        int keep = MAX_CODE_POINTS - extension.codePointCount(0, extension.length()) - 1;
        return base.substring(0, base.offsetByCodePoints(0, keep)) + "…" + extension;
    }

    /** The stored content type: what the client said when it parses as a concrete type, else octet-stream. */
    static String contentType(String declared) {
        if (declared == null || declared.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        try {
            var type = MediaType.parseMediaType(declared);
            return type.isConcrete() ? type.toString() : MediaType.APPLICATION_OCTET_STREAM_VALUE;
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
    }
}
