package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.BuildImageScriptTest.DIGEST;
import static com.example.myamazingapp.infra.pipeline.BuildImageScriptTest.QA_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PromoteImageProd's scan gate: Prod never receives an image whose ECR scan found something at or above a severity. */
class CheckImageScanScriptTest {

    static final String WAIT =
            "aws ecr wait image-scan-complete --repository-name myamazingapp-qa" + " --image-id imageDigest=" + DIGEST;
    static final String FINDINGS = "aws ecr describe-image-scan-findings --repository-name myamazingapp-qa"
            + " --image-id imageDigest=" + DIGEST
            + " --query [imageScanStatus.status, imageScanFindings.findingSeverityCounts.[CRITICAL, HIGH, MEDIUM,"
            + " LOW, INFORMATIONAL]] --output text";

    @TempDir
    Path temp;

    ScriptRun script;

    @BeforeEach
    void promotionEnvironment() throws Exception {
        script = new ScriptRun(temp).env("SOURCE_REPOSITORY_URI", QA_REPOSITORY).env("IMAGE_DIGEST", DIGEST);
    }

    /** The CLI's text output: the status, then the five counts (None when there are none of a severity). */
    static String scan(String status, String critical, String high, String medium, String low, String info) {
        return status + "\\n" + String.join("\\t", critical, high, medium, low, info);
    }

    @Test
    void aCriticalFindingBlocksByDefaultWithAClearMessage() throws Exception {
        var result = script.env("FAKE_SCAN", scan("COMPLETE", "1", "3", "None", "None", "None"))
                .run("check-image-scan.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("the ECR scan of myamazingapp-qa@" + DIGEST + " found vulnerabilities at or above CRITICAL")
                .contains("(1 CRITICAL, 3 HIGH): not promoting it to Prod")
                .contains("aws ecr describe-image-scan-findings --repository-name myamazingapp-qa");
        assertThat(result.calls()).containsExactly(WAIT, FINDINGS);
    }

    @Test
    void findingsBelowTheSeverityPassAndAreListed() throws Exception {
        var result = script.env("FAKE_SCAN", scan("COMPLETE", "None", "3", "12", "None", "4"))
                .run("check-image-scan.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("nothing at or above CRITICAL (findings: 3 HIGH, 12 MEDIUM, 4 INFORMATIONAL)");
    }

    @Test
    void theSeverityIsConfigurable() throws Exception {
        var result = script.env("SCAN_BLOCK_SEVERITY", "HIGH")
                .env("FAKE_SCAN", scan("COMPLETE", "None", "3", "12", "None", "None"))
                .run("check-image-scan.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("at or above HIGH (3 HIGH, 12 MEDIUM): not promoting it to Prod");

        var clean = script.env("FAKE_SCAN", scan("COMPLETE", "None", "None", "None", "2", "None"))
                .run("check-image-scan.sh");
        assertThat(clean.exitCode()).as(clean.output()).isZero();
    }

    @Test
    void aScanThatDidNotCompleteOrFailedBlocks() throws Exception {
        var unfinished = script.env("FAKE_SCAN_WAIT_FAILS", "yes").run("check-image-scan.sh");
        assertThat(unfinished.exitCode()).isNotZero();
        assertThat(unfinished.output()).contains("did not complete: not promoting it to Prod");
        assertThat(unfinished.calls()).containsExactly(WAIT);

        var failed = new ScriptRun(Files.createTempDirectory(temp, "failed"))
                .env("SOURCE_REPOSITORY_URI", QA_REPOSITORY)
                .env("IMAGE_DIGEST", DIGEST)
                .env("FAKE_SCAN", scan("UNSUPPORTED_IMAGE", "None", "None", "None", "None", "None"))
                .run("check-image-scan.sh");
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.output())
                .contains("ended 'UNSUPPORTED_IMAGE', nothing was checked: not promoting it to Prod");
    }

    @Test
    void anUnknownSeverityOrABadDigestIsRefusedBeforeAnyCall() throws Exception {
        var severity = script.env("SCAN_BLOCK_SEVERITY", "SEVERE").run("check-image-scan.sh");
        assertThat(severity.exitCode()).isNotZero();
        assertThat(severity.output())
                .contains("SCAN_BLOCK_SEVERITY 'SEVERE' is not one of CRITICAL HIGH MEDIUM LOW INFORMATIONAL");
        assertThat(severity.calls()).isEmpty();

        var digest = script.env("SCAN_BLOCK_SEVERITY", "CRITICAL")
                .env("IMAGE_DIGEST", "latest")
                .run("check-image-scan.sh");
        assertThat(digest.exitCode()).isNotZero();
        assertThat(digest.calls()).isEmpty();
    }
}
