package com.example.myamazingapp.accounts;

/** A sign-up the user can correct; the message is shown as is. */
class SignUpException extends RuntimeException {

    SignUpException(String message) {
        super(message);
    }
}
