package com.example.myamazingapp.reports;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page: recent report runs and a "publish now" button (access: {@link ReportAdminSecurity}). The
 * run goes on in the background, so the request answers at once however long the run takes (a run over millions of
 * files would outlast the load balancer's idle timeout); the page shows whether a run is going on, in any instance, and
 * the runs that finished.
 */
@Controller
@RequestMapping(ReportAdminSecurity.PATH)
class ReportAdminController {

    private final ReportJob job;
    private final String reportsUrl;
    /** The outcome of the last run started from this instance; null until one finishes. */
    private volatile ReportJob.Result lastStarted;

    ReportAdminController(ReportJob job, ReportLinks links) {
        this.job = job;
        this.reportsUrl = links.url();
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("runs", job.recentRuns(20));
        model.addAttribute("running", job.running());
        model.addAttribute("reportsUrl", reportsUrl);
        var last = lastStarted;
        if (last != null) {
            model.addAttribute("lastOutcome", describe(last));
        }
        return "reports/admin";
    }

    @PostMapping("/publish")
    String publish(Authentication administrator, RedirectAttributes redirect) {
        var name = administrator.getName();
        Thread.ofVirtual().name("report-run-manual").start(() -> lastStarted = job.publishNow(name));
        redirect.addFlashAttribute("message", "The report run has started. Reload this page to see its outcome below.");
        return "redirect:" + ReportAdminSecurity.PATH;
    }

    private static String describe(ReportJob.Result result) {
        return switch (result.outcome()) {
            case PUBLISHED -> "The report of " + result.date() + " is published.";
            case ALREADY_PUBLISHED ->
                "The report of " + result.date()
                        + " was already published; a dated report never changes, the next one comes tomorrow.";
            case SLOT_ALREADY_RUN -> "Another run of the same moment already finished; see the runs below.";
            case FAILED ->
                "The report run failed (see the application log); the previous report stays published. Try again.";
        };
    }
}
