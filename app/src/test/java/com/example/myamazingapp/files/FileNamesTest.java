package com.example.myamazingapp.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsAnyUnicodeForDisplay() {
        assertThat(FileNames.clean("Résumé 履歴書 📄.pdf")).isEqualTo("Résumé 履歴書 📄.pdf");
    }

    @Test
    void keepsOnlyTheLastPartOfAClientPath() {
        assertThat(FileNames.clean("C:\\Users\\me\\report.docx")).isEqualTo("report.docx");
        assertThat(FileNames.clean("/etc/../passwd")).isEqualTo("passwd");
        assertThat(FileNames.clean("dir/")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.clean("..")).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void dropsControlAndBidiCharacters() {
        // U+202E (right-to-left override) would make "evil\u202Etxt.exe" display as "evilexe.txt".
        assertThat(FileNames.clean("evil\u202Etxt.exe")).isEqualTo("eviltxt.exe");
        assertThat(FileNames.clean("a\tb\nc\u0007.txt")).isEqualTo("abc.txt");
        assertThat(FileNames.clean(" \u0000 ")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.clean(null)).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void cutsLongNamesKeepingTheExtensionAndWholeCharacters() {
        var cut = FileNames.clean("😀".repeat(300) + ".tar.gz");

        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(FileNames.MAX_CODE_POINTS);
        assertThat(cut).endsWith("😀….gz");
    }

    @Test
    void storesAConcreteContentTypeOrOctetStream() {
        assertThat(FileNames.contentType("text/plain;charset=UTF-8")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(FileNames.contentType("image/*")).isEqualTo("application/octet-stream");
        assertThat(FileNames.contentType("garbage")).isEqualTo("application/octet-stream");
        assertThat(FileNames.contentType(null)).isEqualTo("application/octet-stream");
    }
}
