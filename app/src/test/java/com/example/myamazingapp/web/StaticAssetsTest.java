package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.Probes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StaticAssetsTest extends IntegrationTest {

    private static final Pattern CSS = Pattern.compile("href=\"(/css/app-[0-9a-f]{32}\\.css)\"");
    private static final Pattern JS = Pattern.compile("src=\"(/js/upload-[0-9a-f]{32}\\.js)\"");

    @Test
    void pagesLinkFingerprintedAssetsThatBrowsersKeepForAYear() {
        var files = Browserless.newSignedInUser(port).get("/files").body();
        var css = find(CSS, files);
        var js = find(JS, files);
        var request = "static-" + UUID.randomUUID();

        var response = api().send(api().request(css).header(Probes.HEADER, request));

        assertThat(find(CSS, new Browserless(port).get("/login").body())).isEqualTo(css);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/css");
        assertThat(response.header("Cache-Control"))
                .contains("max-age=31536000")
                .contains("public")
                .contains("immutable")
                .doesNotContain("no-store");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Set-Cookie")).isNull();
        assertThat(Probes.statementsOf(request))
                .as("no session or database work")
                .isEmpty();
        assertThat(api().get(js).header("Cache-Control")).contains("immutable");
    }

    private static String find(Pattern pattern, String page) {
        var matcher = pattern.matcher(page);
        assertThat(matcher.find()).as("%s in%n%s", pattern, page).isTrue();
        return matcher.group(1);
    }
}
