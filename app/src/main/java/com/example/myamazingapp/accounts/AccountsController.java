package com.example.myamazingapp.accounts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-up and log-in pages; Spring Security processes the login form itself (POST /login). */
@Controller
class AccountsController {

    private final AccountService accounts;

    AccountsController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, Model model) {
        if (error != null) {
            model.addAttribute(
                    "error",
                    "locked".equals(error)
                            ? AccountAuthenticationProvider.LOCKED_MESSAGE
                            : "Wrong e-mail or password.");
        }
        return "login";
    }

    @GetMapping("/signup")
    String signUpForm() {
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@RequestParam String email, @RequestParam String password, Model model, RedirectAttributes redirect) {
        try {
            var account = accounts.signUp(email, password);
            redirect.addFlashAttribute("message", "Account created for " + account.email() + ". Log in to continue.");
            return "redirect:/login";
        } catch (SignUpException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("email", email);
            return "signup";
        }
    }
}
