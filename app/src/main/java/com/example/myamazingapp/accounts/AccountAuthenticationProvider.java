package com.example.myamazingapp.accounts;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** E-mail + password sign-in for both the pages (form login) and the API (HTTP Basic), with the same throttle. */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

    static final String WRONG_MESSAGE = "Wrong e-mail or password.";
    static final String LOCKED_MESSAGE = "Too many failed sign-ins from your address. Try again in 15 minutes.";

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    // Compared against when the e-mail is unknown, so that the answer takes as long as for a known one.
    private final String unknownAccountHash;

    AccountAuthenticationProvider(AccountRepository accounts, PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.unknownAccountHash = passwordEncoder.encode("not a real password");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var typed = AccountService.normalizeEmail(authentication.getName());
        var password = String.valueOf(authentication.getCredentials());
        var client = clientAddress(authentication);
        // Credentials no account can have (sign-up refuses them: a NUL, a 3 KB e-mail) are counted like any failure,
        // under a form the database can store, without a look-up or bcrypt.
        var plausible = AccountService.isPlausible(typed, password);
        var email = plausible ? typed : AccountService.storable(typed);
        // Before bcrypt: a locked address costs one indexed read, not 100 ms of CPU.
        var attempt = throttle.check(email, client);
        if (attempt.locked()) {
            throw new LockedException(LOCKED_MESSAGE);
        }
        if (!plausible) {
            throttle.recordFailure(email, client);
            throw new BadCredentialsException(WRONG_MESSAGE);
        }
        var account = accounts.findByEmail(email);
        var hash = account.map(Account::passwordHash).orElse(unknownAccountHash);
        if (!passwordEncoder.matches(password, hash) || account.isEmpty()) {
            throttle.recordFailure(email, client);
            throw new BadCredentialsException(WRONG_MESSAGE);
        }
        if (attempt.failedBefore()) {
            throttle.clear(email, client);
        }
        return signedIn(new CurrentAccount(account.get().id(), account.get().email()));
    }

    static Authentication signedIn(CurrentAccount account) {
        return UsernamePasswordAuthenticationToken.authenticated(
                account, null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
    }

    /** Form login and HTTP Basic both attach the request's remote address (the ALB's last X-Forwarded-For hop). */
    private static String clientAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
