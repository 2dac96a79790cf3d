package com.example.myamazingapp.reports;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' page: recent report runs and a "publish now" button (access: {@link ReportAdminSecurity}). */
@Controller
@RequestMapping(ReportAdminSecurity.PATH)
class ReportAdminController {

    private final ReportJob job;
    private final String reportsUrl;

    ReportAdminController(ReportJob job, ReportLinks links) {
        this.job = job;
        this.reportsUrl = links.url();
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("runs", job.recentRuns(20));
        model.addAttribute("reportsUrl", reportsUrl);
        return "reports/admin";
    }

    @PostMapping("/publish")
    String publish(Authentication administrator, RedirectAttributes redirect) {
        var result = job.publishNow(administrator.getName());
        redirect.addFlashAttribute(
                "message",
                switch (result.outcome()) {
                    case PUBLISHED -> "The report of " + result.date() + " is published.";
                    case ALREADY_PUBLISHED ->
                        "The report of " + result.date()
                                + " was already published; a dated report never changes, the next one comes tomorrow.";
                    case SLOT_ALREADY_RUN -> "Another run of the same moment already finished; see the runs below.";
                    case FAILED ->
                        "The report run failed (see the application log); the previous report stays published. Try again.";
                });
        return "redirect:" + ReportAdminSecurity.PATH;
    }
}
