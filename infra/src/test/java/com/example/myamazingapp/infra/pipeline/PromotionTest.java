package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.action;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.actionsOn;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.statementsOfProjectRole;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stage PromoteImageProd: the approved QA image, by digest, is the only thing pushed to Prod. */
class PromotionTest {

    @Test
    void theQaBuildExportsTheImageAndPromotionShipsThatDigest() {
        assertThat(action("BuildImageQA").path("Namespace").asText()).isEqualTo("QAImage");
        assertThat(action("BuildImageQA")
                        .path("OutputArtifacts")
                        .get(0)
                        .path("Name")
                        .asText())
                .isEqualTo("QAImageDefinitions");
        assertThat(action("DeployQA").path("InputArtifacts").get(0).path("Name").asText())
                .isEqualTo("QAImageDefinitions");
        assertThat(action("PromoteImageProd")
                        .path("Configuration")
                        .path("EnvironmentVariables")
                        .asText())
                .contains("{\"name\":\"IMAGE_TAG\",\"type\":\"PLAINTEXT\",\"value\":\"#{QAImage.IMAGE_TAG}\"}")
                .contains("{\"name\":\"IMAGE_DIGEST\",\"type\":\"PLAINTEXT\",\"value\":\"#{QAImage.IMAGE_DIGEST}\"}");
        assertThat(action("DeployProd")
                        .path("InputArtifacts")
                        .get(0)
                        .path("Name")
                        .asText())
                .isEqualTo("ProdImageDefinitions");
    }

    @Test
    void theImageScanGateRunsBeforeTheCopyWithProdsSeverity() throws Exception {
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("buildspecs/promote-image.yml")))
                .containsSubsequence(
                        "bash infra/buildspecs/scripts/check-image-scan.sh",
                        "bash infra/buildspecs/scripts/promote-image.sh");
        assertThat(SynthesizedPipeline.project("PromoteImageProd")
                        .path("Environment")
                        .path("EnvironmentVariables")
                        .toString())
                .contains("{\"Name\":\"SCAN_BLOCK_SEVERITY\",\"Type\":\"PLAINTEXT\",\"Value\":\"CRITICAL\"}");
    }

    @Test
    void onlyThePromotionMayPushToProdAndItOnlyReadsQa() {
        var statements = statementsOfProjectRole("PromoteImageProd");

        assertThat(actionsOn(statements, "Fixture-prod:ExportsOutputFnGetAttRepository"))
                .contains("ecr:PutImage");
        assertThat(actionsOn(statements, "Fixture-qa:ExportsOutputFnGetAttRepository"))
                .contains("ecr:BatchGetImage", "ecr:DescribeImages", "ecr:DescribeImageScanFindings")
                .doesNotContain("ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart");
        assertThat(statements.toString()).doesNotContain("ssm:", "ecs:");
        assertThat(actionsOn(statements, "\"*\"")).containsExactly("ecr:GetAuthorizationToken");
    }
}
