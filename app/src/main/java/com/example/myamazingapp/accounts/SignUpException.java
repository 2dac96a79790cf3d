package com.example.myamazingapp.accounts;

/** A sign-up the user can correct; the message is shown as is. */
public class SignUpException extends RuntimeException {

    public SignUpException(String message) {
        super(message);
    }
}
