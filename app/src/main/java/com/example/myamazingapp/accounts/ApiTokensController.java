package com.example.myamazingapp.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The "API tokens" page: create a personal access token (shown once), list and revoke them. */
@Controller
class ApiTokensController {

    private final ApiTokens tokens;

    ApiTokensController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/tokens")
    String list(@AuthenticationPrincipal CurrentAccount me, Model model) {
        model.addAttribute("tokens", tokens.of(me.id()));
        return "tokens";
    }

    /**
     * Answers with the page itself rather than a redirect: the token's value must not pass through the session (a flash
     * attribute would store it in PostgreSQL), and the response is not cached (Spring Security's no-store).
     */
    @PostMapping("/tokens")
    String create(
            @AuthenticationPrincipal CurrentAccount me, @RequestParam(required = false) String name, Model model) {
        try {
            var created = tokens.create(me.id(), name);
            model.addAttribute("created", created);
        } catch (ResponseStatusException e) {
            model.addAttribute("error", e.getReason());
            model.addAttribute("name", name);
        }
        return list(me, model);
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal CurrentAccount me, @PathVariable long id, RedirectAttributes redirect) {
        if (!tokens.revoke(me.id(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such token.");
        }
        redirect.addFlashAttribute("message", "The token is revoked: calls that use it are refused from now on.");
        return "redirect:/tokens";
    }
}
