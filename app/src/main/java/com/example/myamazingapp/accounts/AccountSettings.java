package com.example.myamazingapp.accounts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** What a signed-in user changes about the account: the password, or closing it. Both ask for the current password. */
@Service
class AccountSettings {

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwords;
    private final LoginThrottle throttle;
    private final AccountSessions sessions;
    private final ApplicationEventPublisher events;

    AccountSettings(
            AccountRepository accounts,
            PasswordEncoder passwordEncoder,
            PasswordPolicy passwords,
            LoginThrottle throttle,
            AccountSessions sessions,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.events = events;
    }

    /**
     * A new password, after the current one; the account's other sessions end (whoever else was signed in with the old
     * password is signed out). {@code keep}: the current session's id.
     */
    void changePassword(CurrentAccount me, String current, String replacement, String client, String keep) {
        checkPassword(me, current, client);
        passwords.problem(replacement).ifPresent(problem -> {
            throw new AccountChangeException(problem);
        });
        accounts.updatePasswordHash(me.id(), passwordEncoder.encode(replacement));
        sessions.endAll(me.email(), keep);
    }

    /**
     * Closes the account: every file goes first (each object with its row, so a failure half-way leaves an account with
     * fewer files, never a row without its object), then the account's row with all that cascades from it (activity),
     * then every session. The reports, computed from these tables, no longer count it.
     */
    void close(CurrentAccount me, String password, String client) {
        checkPassword(me, password, client);
        events.publishEvent(new AccountClosing(me.id()));
        accounts.delete(me.id());
        sessions.endAll(me.email(), null);
    }

    /** A wrong password here counts as a failed sign-in, so a borrowed session cannot guess it at will. */
    private void checkPassword(CurrentAccount me, String password, String client) {
        if (throttle.check(me.email(), client).locked()) {
            throw new AccountChangeException(AccountAuthenticationProvider.LOCKED_MESSAGE);
        }
        var hash = accounts.findByEmail(me.email()).map(Account::passwordHash);
        if (password == null
                || !PasswordPolicy.isPossible(password)
                || hash.isEmpty()
                || !passwordEncoder.matches(password, hash.get())) {
            throttle.recordFailure(me.email(), client);
            throw new AccountChangeException("Your current password is not right.");
        }
        throttle.clear(me.email(), client);
    }
}
