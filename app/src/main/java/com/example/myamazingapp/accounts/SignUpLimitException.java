package com.example.myamazingapp.accounts;

/** The client address has signed up too often lately (429). */
public class SignUpLimitException extends SignUpException {

    SignUpLimitException() {
        super(SignUpThrottle.MESSAGE);
    }
}
