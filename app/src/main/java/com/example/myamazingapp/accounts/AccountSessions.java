package com.example.myamazingapp.accounts;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** The signed-in sessions of an account (Spring Session JDBC indexes them by e-mail), to end them. */
@Component
class AccountSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** Ends every session of {@code email} except {@code keep} (the current one; null ends all). */
    void endAll(String email, String keep) {
        for (var id : sessions.findByPrincipalName(email).keySet()) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
            }
        }
    }
}
