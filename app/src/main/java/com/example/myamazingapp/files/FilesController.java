package com.example.myamazingapp.files;

import com.example.myamazingapp.accounts.CurrentAccount;
import com.example.myamazingapp.reports.ReportAdmins;
import com.example.myamazingapp.reports.ReportLinks;
import com.example.myamazingapp.reports.UserStatistics;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The "My files" page: upload, list, download, delete, and the account's own statistics. */
@Controller
class FilesController {

    private final FileService files;
    private final UploadLimits limits;
    private final UserStatistics statistics;
    private final ReportLinks reportLinks;
    private final ReportAdmins reportAdmins;

    FilesController(
            FileService files,
            UploadLimits limits,
            UserStatistics statistics,
            ReportLinks reportLinks,
            ReportAdmins reportAdmins) {
        this.files = files;
        this.limits = limits;
        this.statistics = statistics;
        this.reportLinks = reportLinks;
        this.reportAdmins = reportAdmins;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/files";
    }

    @GetMapping("/files")
    String list(
            @AuthenticationPrincipal CurrentAccount me,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(name = "q", defaultValue = "") String search,
            @RequestParam(defaultValue = "newest") String sort,
            @RequestParam(required = false) List<UUID> uploaded,
            Model model) {
        var order = FileOrder.of(sort);
        var list = files.list(me.id(), page, search, order);
        model.addAttribute("files", list);
        model.addAttribute("rows", list.items().stream().map(FileRow::of).toList());
        model.addAttribute("search", search.strip());
        model.addAttribute("sort", order.parameter());
        if (uploaded != null && !uploaded.isEmpty()) {
            model.addAttribute(
                    "message",
                    "Uploaded "
                            + uploaded.stream()
                                    .map(id -> files.get(me.id(), id).originalName())
                                    .collect(Collectors.joining(", "))
                            + ".");
        }
        model.addAttribute("maxUploadBytes", limits.maxBytes());
        model.addAttribute("maxUploadText", UploadLimits.readable(limits.maxBytes()));
        model.addAttribute("mine", statistics.of(me.id()));
        model.addAttribute("reportsUrl", reportLinks.url());
        model.addAttribute("reportAdmin", reportAdmins.includes(me.email()));
        return "files";
    }

    @PostMapping("/files")
    String upload(
            @AuthenticationPrincipal CurrentAccount me,
            @RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        var stored = files.upload(me.id(), file);
        // In the URL rather than a flash attribute: the page's XMLHttpRequest follows this redirect itself and
        // would consume a flash message before the browser shows the page.
        return "redirect:/files?uploaded=" + stored.id();
    }

    /**
     * The page's script sends each file as the raw body ({@code PUT /files?name=...}, CSRF token in a header), so it
     * streams to the store as the API's uploads do, with no multipart parsing and no temporary file.
     */
    @PutMapping(path = "/files", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<FilesApiController.FileView> uploadRaw(
            @AuthenticationPrincipal CurrentAccount me, @RequestParam String name, HttpServletRequest request)
            throws IOException {
        try (var content = request.getInputStream()) {
            var stored =
                    files.uploadBody(me.id(), name, request.getContentType(), content, request.getContentLengthLong());
            return ResponseEntity.status(HttpStatus.CREATED).body(FilesApiController.FileView.of(stored));
        }
    }

    @GetMapping("/files/{id}/download")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
        var file = files.get(me.id(), id);
        return Downloads.of(file, files.open(file));
    }

    @PostMapping("/files/{id}/delete")
    String delete(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, RedirectAttributes redirect) {
        var file = files.delete(me.id(), id);
        redirect.addFlashAttribute("message", "Deleted " + file.originalName() + ".");
        return "redirect:/files";
    }
}
