package com.example.myamazingapp.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

@Service
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 10;
    // bcrypt only reads the first 72 bytes; refuse longer rather than silently ignore the rest.
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;

    AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
    }

    public CurrentAccount signUp(String email, String password) {
        var normalized = normalizeEmail(email);
        if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
            throw new SignUpException("Enter a valid e-mail address.");
        }
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new SignUpException("Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new SignUpException("Choose a password of at most " + MAX_PASSWORD_BYTES + " bytes.");
        }
        return accounts.insert(normalized, passwordEncoder.encode(password))
                .map(account -> new CurrentAccount(account.id(), account.email()))
                .orElseThrow(() -> new SignUpException("An account with this e-mail already exists. Log in instead."));
    }

    static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
