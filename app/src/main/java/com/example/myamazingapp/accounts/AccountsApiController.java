package com.example.myamazingapp.accounts;

import com.example.myamazingapp.web.ErrorAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountsApiController {

    private final AccountService accounts;
    private final ErrorAnswer answer;

    AccountsApiController(AccountService accounts, ErrorAnswer answer) {
        this.accounts = accounts;
        this.answer = answer;
    }

    // Declared, so a client that does not accept JSON gets 406 before the account is created, not after.
    @PostMapping(path = "/api/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CurrentAccount> signUp(@RequestBody SignUp request, HttpServletRequest http) {
        var account = accounts.signUp(request.email(), request.password(), http.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/accounts/" + account.id()))
                .body(account);
    }

    /** 400 for what the user can correct, 429 while the address has signed up too often. */
    @ExceptionHandler
    void refused(SignUpException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var status = e instanceof SignUpLimitException ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.BAD_REQUEST;
        answer.of(status, e.getMessage(), request, response);
    }

    record SignUp(String email, String password) {}
}
