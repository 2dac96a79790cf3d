package com.example.myamazingapp.accounts;

import com.example.myamazingapp.web.ApiError;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountsApiController {

    private final AccountService accounts;

    AccountsApiController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/accounts")
    ResponseEntity<CurrentAccount> signUp(@RequestBody SignUp request) {
        var account = accounts.signUp(request.email(), request.password());
        return ResponseEntity.created(URI.create("/api/accounts/" + account.id()))
                .body(account);
    }

    /** A refused sign-up (invalid e-mail, short password, e-mail taken) is the client's to correct: 400. */
    @ExceptionHandler
    ResponseEntity<ApiError> refused(SignUpException e) {
        return ResponseEntity.badRequest().body(ApiError.of(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    record SignUp(String email, String password) {}
}
