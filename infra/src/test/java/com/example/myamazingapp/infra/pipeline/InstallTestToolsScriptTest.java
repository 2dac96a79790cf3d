package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Test step's install script: JDK 25 comes only from Adoptium's repository signed by Adoptium's key. apt-get, curl,
 * gpg and the version checks are stand-ins; apt's configuration goes to a temp folder.
 */
class InstallTestToolsScriptTest {

    static final String ADOPTIUM_FINGERPRINT = "3B04D753C9050D9A5D343F39843C48A565F8F04B";

    @TempDir
    Path temp;

    ScriptRun script;
    Path apt;

    @BeforeEach
    void debianWithStandIns() throws Exception {
        apt = temp.resolve("etc-apt");
        var osRelease = temp.resolve("os-release");
        Files.writeString(osRelease, "ID=debian\nVERSION_CODENAME=trixie\n");
        script = new ScriptRun(temp)
                .env("APT_DIR", apt.toString())
                .env("OS_RELEASE", osRelease.toString())
                .standIn("apt-get", "")
                .standIn("curl", "echo 'ascii-armored key'")
                .standIn("gpg", """
                        case "$1" in
                          --dearmor) cat ;;
                          --show-keys)
                            printf 'pub:-:4096:1:843C48A565F8F04B:::::::scESC::::::23::0:\\nfpr:::::::::%s:\\n' \\
                              "$FAKE_FINGERPRINT" ;;
                        esac""")
                .standIn("java", "")
                .standIn("node", "")
                .standIn("chromium", "")
                .standIn("python3", "");
    }

    @Test
    void addsAdoptiumsRepositoryForThisDebianReleaseAndInstallsTemurin25() throws Exception {
        var result = script.env("FAKE_FINGERPRINT", ADOPTIUM_FINGERPRINT).run("install-test-tools.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls())
                .containsExactly(
                        "apt-get update -qq",
                        "apt-get install -y -qq --no-install-recommends ca-certificates curl gnupg chromium chromium-driver nodejs python3",
                        "curl -fsSL https://packages.adoptium.net/artifactory/api/gpg/key/public",
                        "gpg --dearmor",
                        "gpg --show-keys --with-colons " + apt.resolve("keyrings/adoptium.gpg.new"),
                        "apt-get update -qq",
                        "apt-get install -y -qq --no-install-recommends temurin-25-jdk",
                        "java -version",
                        "node --version",
                        "chromium --version",
                        "python3 --version");
        assertThat(Files.readString(apt.resolve("sources.list.d/adoptium.list")))
                .isEqualTo("deb [signed-by=" + apt.resolve("keyrings/adoptium.gpg")
                        + "] https://packages.adoptium.net/artifactory/deb trixie main\n");
        assertThat(apt.resolve("keyrings/adoptium.gpg")).hasContent("ascii-armored key");
    }

    @Test
    void aKeyWithAnotherFingerprintIsNotTrusted() throws Exception {
        var result = script.env("FAKE_FINGERPRINT", "0".repeat(40)).run("install-test-tools.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains(
                        "Adoptium apt key has fingerprint '" + "0".repeat(40) + "', expected " + ADOPTIUM_FINGERPRINT);
        assertThat(result.calls()).noneMatch(call -> call.contains("temurin"));
        assertThat(apt.resolve("sources.list.d/adoptium.list")).doesNotExist();
        assertThat(apt.resolve("keyrings/adoptium.gpg")).doesNotExist();
        assertThat(apt.resolve("keyrings/adoptium.gpg.new")).doesNotExist();
    }
}
