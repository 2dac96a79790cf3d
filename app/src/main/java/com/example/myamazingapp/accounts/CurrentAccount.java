package com.example.myamazingapp.accounts;

import java.io.Serializable;
import java.security.Principal;

/** The signed-in account as kept in the (PostgreSQL) session: no password hash in there. */
public record CurrentAccount(long id, String email) implements Principal, Serializable {

    @Override
    public String getName() {
        return email;
    }
}
