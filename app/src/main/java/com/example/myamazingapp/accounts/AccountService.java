package com.example.myamazingapp.accounts;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

@Service
public class AccountService {

    static final int MAX_EMAIL_LENGTH = 254;
    // A local part without blanks, controls or '@', not starting, ending or doubling a dot; a domain of two or more
    // labels of letters, digits and inner hyphens (so "a@example..com" and "a@-x.com" are refused).
    private static final Pattern EMAIL = Pattern.compile(
            "^(?!\\.)(?!.*\\.\\.)[^@\\s\\p{Cntrl}]+(?<!\\.)@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+"
                    + "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwords;
    private final SignUpThrottle throttle;

    AccountService(
            AccountRepository accounts,
            PasswordEncoder passwordEncoder,
            PasswordPolicy passwords,
            SignUpThrottle throttle) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /** {@code client}: the caller's address, for the sign-up throttle. */
    public CurrentAccount signUp(String email, String password, String client) {
        var normalized = normalizeEmail(email);
        if (!isValidEmail(normalized)) {
            throw new SignUpException("Enter a valid e-mail address.");
        }
        passwords.problem(password).ifPresent(problem -> {
            throw new SignUpException(problem);
        });
        if (!throttle.tryAcquire(client)) {
            throw new SignUpLimitException();
        }
        return accounts.insert(normalized, passwordEncoder.encode(password))
                .map(account -> new CurrentAccount(account.id(), account.email()))
                .orElseThrow(() -> new SignUpException("An account with this e-mail already exists. Log in instead."));
    }

    static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isValidEmail(String normalized) {
        return normalized.length() <= MAX_EMAIL_LENGTH
                && EMAIL.matcher(normalized).matches();
    }

    /** Whether an account could have these credentials: what sign-up accepts, as far as it can be checked cheaply. */
    static boolean isPlausible(String normalizedEmail, String password) {
        return normalizedEmail.length() <= MAX_EMAIL_LENGTH
                && !CONTROL.matcher(normalizedEmail).find()
                && PasswordPolicy.isPossible(password);
    }

    /** An e-mail as the sign-in throttle may record it: no control characters (PostgreSQL refuses NUL), capped. */
    static String storable(String email) {
        var cleaned = CONTROL.matcher(email).replaceAll("\uFFFD");
        return cleaned.length() <= MAX_EMAIL_LENGTH ? cleaned : cleaned.substring(0, MAX_EMAIL_LENGTH);
    }
}
