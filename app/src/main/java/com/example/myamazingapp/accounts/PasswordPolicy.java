package com.example.myamazingapp.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be, after NIST SP 800-63B and nothing more: at least {@value #MIN_LENGTH} characters, not on
 * the shipped list of common and breached passwords (accounts/common-passwords.txt, see its NOTICE), not only blanks or
 * one character repeated. No composition rules, no expiry. At most {@value #MAX_BYTES} bytes because bcrypt reads no
 * further, and no control characters (nobody types them; they would only ever come from a broken client).
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;
    static final String COMMON_MESSAGE =
            "This password is on a list of common or breached passwords, so it is easy to guess. Choose another.";
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    // Only the listed passwords that would otherwise pass: the shorter ones are refused by length anyway.
    private final Set<String> common;

    PasswordPolicy() {
        var list = new ClassPathResource("accounts/common-passwords.txt");
        try (var lines = new BufferedReader(new InputStreamReader(list.getInputStream(), StandardCharsets.UTF_8))) {
            common = lines.lines()
                    .filter(line -> length(line) >= MIN_LENGTH)
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("accounts/common-passwords.txt is part of the application", e);
        }
    }

    /** What is wrong with {@code password} as a new password, in words for its owner; empty when it is fine. */
    Optional<String> problem(String password) {
        if (password == null || length(password) < MIN_LENGTH) {
            return Optional.of("Choose a password of at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("Choose a password of at most " + MAX_BYTES + " bytes.");
        }
        if (CONTROL.matcher(password).find()) {
            return Optional.of("A password cannot contain control characters such as tabs or line breaks.");
        }
        if (password.isBlank() || password.codePoints().distinct().count() == 1) {
            return Optional.of("Choose a password that is more than blanks or one character repeated.");
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of(COMMON_MESSAGE);
        }
        return Optional.empty();
    }

    /** Whether an account could have this password at all; checked before any look-up or bcrypt at sign-in. */
    static boolean isPossible(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES
                && !CONTROL.matcher(password).find();
    }

    int listed() {
        return common.size();
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
