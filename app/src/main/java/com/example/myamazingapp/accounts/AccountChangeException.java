package com.example.myamazingapp.accounts;

/** A password change or account closing the user can correct; the message is shown as is. */
class AccountChangeException extends RuntimeException {

    AccountChangeException(String message) {
        super(message);
    }
}
