package com.example.myamazingapp.infra;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/** myamazingapp_ecr_repo (one per environment) and the image-tag parameter of the contract. */
class RegistryTest {

    @ParameterizedTest(name = "{0}: myamazingapp_ecr_repo scans on push, has immutable tags and keeps the last 20 images")
    @ValueSource(strings = {"qa", "prod"})
    void repository(String env) {
        var t = Synthesized.registry(env);
        t.resourceCountIs("AWS::ECR::Repository", 1);
        t.hasResourceProperties("AWS::ECR::Repository", Map.of(
                "RepositoryName", "myamazingapp-" + env,
                "ImageScanningConfiguration", Map.of("ScanOnPush", true),
                "ImageTagMutability", "IMMUTABLE",
                "LifecyclePolicy", Map.of("LifecyclePolicyText",
                        Match.serializedJson(Match.objectLike(Map.of("rules", java.util.List.of(Match.objectLike(Map.of(
                                "selection", Match.objectLike(Map.of(
                                        "countType", "imageCountMoreThan", "countNumber", 20)),
                                "action", Map.of("type", "expire"))))))))));
    }

    @ParameterizedTest(name = "{0}: the image-tag parameter /myamazingapp/<env>/image-tag starts as 'bootstrap'")
    @ValueSource(strings = {"qa", "prod"})
    void imageTagParameter(String env) {
        Synthesized.registry(env).hasResourceProperties("AWS::SSM::Parameter", Map.of(
                "Name", "/myamazingapp/" + env + "/image-tag",
                "Type", "String",
                "Value", "bootstrap"));
    }

    @ParameterizedTest(name = "{0}: the repository outlives the prod stack and goes with qa's")
    @ValueSource(strings = {"qa", "prod"})
    void removalPolicy(String env) {
        var policy = env.equals("prod") ? "Retain" : "Delete";
        Synthesized.registry(env).hasResource("AWS::ECR::Repository", Match.objectLike(Map.of("DeletionPolicy", policy)));
    }
}
