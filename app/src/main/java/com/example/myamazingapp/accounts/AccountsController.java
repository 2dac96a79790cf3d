package com.example.myamazingapp.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sign-up, log-in and account pages; Spring Security processes the login form itself (POST /login). A new account is
 * signed in at once.
 */
@Controller
class AccountsController {

    private final AccountService accounts;
    private final AccountSettings settings;

    AccountsController(AccountService accounts, AccountSettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, Model model) {
        if (error != null) {
            model.addAttribute(
                    "error",
                    "locked".equals(error)
                            ? AccountAuthenticationProvider.LOCKED_MESSAGE
                            : AccountAuthenticationProvider.WRONG_MESSAGE);
        }
        return "login";
    }

    @GetMapping("/signup")
    String signUpForm() {
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(
            @RequestParam String email,
            @RequestParam String password,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            var account = accounts.signUp(email, password, request.getRemoteAddr());
            signIn(account, request, response);
            redirect.addFlashAttribute("message", "Account created for " + account.email() + ". You are signed in.");
            return "redirect:/files";
        } catch (SignUpException e) {
            response.setStatus(
                    e instanceof SignUpLimitException
                            ? HttpStatus.TOO_MANY_REQUESTS.value()
                            : HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("email", email);
            return "signup";
        }
    }

    @GetMapping("/account")
    String account() {
        return "account";
    }

    @PostMapping("/account/password")
    String changePassword(
            @AuthenticationPrincipal CurrentAccount me,
            @RequestParam(name = "current-password") String current,
            @RequestParam(name = "new-password") String replacement,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            settings.changePassword(
                    me,
                    current,
                    replacement,
                    request.getRemoteAddr(),
                    request.getSession().getId());
            redirect.addFlashAttribute("message", "Password changed. Your other sessions are signed out.");
            return "redirect:/account";
        } catch (AccountChangeException e) {
            return refused(e, "passwordError", model, response);
        }
    }

    @PostMapping("/account/delete")
    String close(
            @AuthenticationPrincipal CurrentAccount me,
            @RequestParam String password,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            settings.close(me, password, request.getRemoteAddr());
        } catch (AccountChangeException e) {
            return refused(e, "deleteError", model, response);
        }
        new SecurityContextLogoutHandler().logout(request, response, null);
        return "redirect:/login?deleted";
    }

    private static String refused(AccountChangeException e, String field, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute(field, e.getMessage());
        return "account";
    }

    /** As a form login would: a new session id (nobody planted it), the context saved in it, a fresh CSRF token. */
    private static void signIn(CurrentAccount account, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(AccountAuthenticationProvider.signedIn(account));
        SecurityContextHolder.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
        new CookieCsrfTokenRepository().saveToken(null, request, response);
    }
}
