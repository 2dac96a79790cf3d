package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.action;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.json;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.pipeline;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * The synthesized pipeline, checked line by line against the document's "CodePipeline Instance": its stages, their
 * order and providers, and the artifacts store.
 */
class PipelineStackTest {

    @Test
    void stagesRunInTheDocumentsOrderWithTestsSmokeTestAndReleaseStepsAdded() {
        var names = new ArrayList<String>();
        pipeline(json).path("Stages").forEach(s -> names.add(s.path("Name").asText()));

        assertThat(names)
                .containsExactly(
                        "Source",
                        "Test",
                        "BuildImageQA",
                        "DeployQA",
                        "ReleaseQA",
                        "SmokeTestQA",
                        "GetApproval",
                        "PromoteImageProd",
                        "DeployProd",
                        "ReleaseProd");
        assertThat(pipeline(json).path("Name").asText()).isEqualTo("MyAmazingPipeline");
        assertThat(pipeline(json).path("PipelineType").asText()).isEqualTo("V2");
    }

    @Test
    void eachStageUsesTheProviderTheDocumentNames() {
        var providers = Map.of(
                "Source", "Source/ThirdParty/GitHub",
                "Test", "Build/AWS/CodeBuild",
                "BuildImageQA", "Build/AWS/CodeBuild",
                "DeployQA", "Deploy/AWS/ECS",
                "ReleaseQA", "Build/AWS/CodeBuild",
                "SmokeTestQA", "Build/AWS/CodeBuild",
                "GetApproval", "Approval/AWS/Manual",
                "PromoteImageProd", "Build/AWS/CodeBuild",
                "DeployProd", "Deploy/AWS/ECS",
                "ReleaseProd", "Build/AWS/CodeBuild");
        providers.forEach((stage, provider) -> {
            var type = action(stage).path("ActionTypeId");
            assertThat(type.path("Category").asText() + "/" + type.path("Owner").asText() + "/"
                            + type.path("Provider").asText())
                    .as(stage)
                    .isEqualTo(provider);
        });
    }

    @Test
    void artifactsBucketIsKmsEncryptedPrivateAndTlsOnly() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketEncryption",
                                Map.of(
                                        "ServerSideEncryptionConfiguration",
                                        List.of(Match.objectLike(Map.of(
                                                "ServerSideEncryptionByDefault",
                                                Map.of(
                                                        "SSEAlgorithm",
                                                        "aws:kms",
                                                        "KMSMasterKeyID",
                                                        Match.anyValue()))))),
                        "PublicAccessBlockConfiguration",
                                Map.of(
                                        "BlockPublicAcls",
                                        true,
                                        "BlockPublicPolicy",
                                        true,
                                        "IgnorePublicAcls",
                                        true,
                                        "RestrictPublicBuckets",
                                        true)));
        template.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect", "Deny",
                                        "Action", "s3:*",
                                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        var bucket =
                template.findResources("AWS::S3::Bucket").keySet().iterator().next();
        assertThat(pipeline(json)
                        .path("ArtifactStore")
                        .path("Location")
                        .path("Ref")
                        .asText())
                .isEqualTo(bucket);
        assertThat(pipeline(json)
                        .path("ArtifactStore")
                        .path("EncryptionKey")
                        .path("Type")
                        .asText())
                .isEqualTo("KMS");
    }
}
