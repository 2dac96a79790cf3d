package com.example.myamazingapp.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;

/**
 * The accounts that may publish a report on demand: the e-mail addresses in REPORT_ADMINS, compared lower-case. Public
 * for the files page, which shows the administration link to these accounts only.
 */
public record ReportAdmins(Set<String> emails) {

    static ReportAdmins parse(String commaSeparated) {
        return new ReportAdmins(Arrays.stream(commaSeparated.split(","))
                .map(email -> email.strip().toLowerCase(Locale.ROOT))
                .filter(email -> !email.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean includes(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && includes(authentication.getName());
    }

    public boolean includes(String email) {
        return emails.contains(email.toLowerCase(Locale.ROOT));
    }
}
