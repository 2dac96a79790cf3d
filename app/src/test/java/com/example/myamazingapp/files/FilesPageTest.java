package com.example.myamazingapp.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The "My files" page as HTML: newest first, paginated, names escaped, upload limit shown. */
class FilesPageTest extends IntegrationTest {

    @Test
    void thePageListsNewestFirstWithPagesAndEscapesNames() {
        var email = "page-" + UUID.randomUUID() + "@example.com";
        var api = api();
        api.signUp(email, "correct horse battery");
        var user = api.as(email, "correct horse battery");
        for (int i = 1; i <= FileService.PAGE_SIZE + 1; i++) {
            user.put("<b>file " + i + " & co<b>.txt", ("#" + i).getBytes(), "text/plain");
        }
        var browser = new Browserless(port);
        browser.logIn(email, "correct horse battery");

        var first = browser.get("/files").body();
        var second = browser.get("/files?page=1").body();

        assertThat(first)
                .contains("(21)")
                .contains("&lt;b&gt;file 21 &amp; co&lt;b&gt;.txt")
                .doesNotContain("<b>file")
                .contains("Older →")
                .doesNotContain("← Newer")
                .contains("(up to 1 MiB)");
        assertThat(first.indexOf("file 21")).isLessThan(first.indexOf("file 20"));
        assertThat(second)
                .contains("&lt;b&gt;file 1 &amp; co&lt;b&gt;.txt")
                .doesNotContain("file 21")
                .contains("← Newer")
                .contains("Page 2");
    }
}
