package com.example.myamazingapp.accounts;

import java.net.URI;
import org.springframework.http.ResponseEntity;
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

    record SignUp(String email, String password) {}
}
