package com.example.myamazingapp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/** myamazingapp_ecr_repo (one per environment) and the image-tag parameter the pipeline writes. */
class RegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(
            name = "{0}: myamazingapp_ecr_repo scans on push, has immutable tags and keeps the last 20 images")
    @ValueSource(strings = {"qa", "prod"})
    void repository(String env) {
        var t = Synthesized.registry(env);
        t.resourceCountIs("AWS::ECR::Repository", 1);
        t.hasResourceProperties(
                "AWS::ECR::Repository",
                Map.of(
                        "RepositoryName",
                        "myamazingapp-" + env,
                        "ImageScanningConfiguration",
                        Map.of("ScanOnPush", true),
                        "ImageTagMutability",
                        "IMMUTABLE",
                        "LifecyclePolicy",
                        Map.of(
                                "LifecyclePolicyText",
                                Match.serializedJson(Match.objectLike(Map.of(
                                        "rules",
                                        java.util.List.of(Match.objectLike(Map.of(
                                                "selection",
                                                        Match.objectLike(Map.of(
                                                                "countType", "imageCountMoreThan", "countNumber", 20)),
                                                "action", Map.of("type", "expire"))))))))));
    }

    @ParameterizedTest(
            name =
                    "{0}: the image-tag parameter /myamazingapp/<env>/image-tag is created as 'bootstrap' by a create-only call")
    @ValueSource(strings = {"qa", "prod"})
    void imageTagParameterIsCreatedOnceAndNeverWrittenByCloudFormationAgain(String env) throws Exception {
        var t = Synthesized.registry(env);
        // No AWS::SSM::Parameter: CloudFormation would write its Value back on any later update of that resource.
        t.resourceCountIs("AWS::SSM::Parameter", 0);
        // Nor a CloudFormation parameter resolving it: it does not exist before this stack's first deploy.
        assertThat(t.findParameters("*", Map.of("Default", "/myamazingapp/" + env + "/image-tag")))
                .isEmpty();

        var creations = t.findResources("Custom::ImageTagParameter");
        assertThat(creations).hasSize(1);
        var properties = creations.values().iterator().next().get("Properties");
        @SuppressWarnings("unchecked")
        var calls = (Map<String, Object>) properties;
        assertThat(calls).containsKeys("Create", "Delete").doesNotContainKey("Update");
        var create = JSON.readTree((String) calls.get("Create"));
        assertThat(create.path("service").asText()).isEqualTo("SSM");
        assertThat(create.path("action").asText()).isEqualTo("putParameter");
        assertThat(create.path("parameters").path("Name").asText()).isEqualTo("/myamazingapp/" + env + "/image-tag");
        assertThat(create.path("parameters").path("Value").asText()).isEqualTo("bootstrap");
        assertThat(create.path("parameters").path("Type").asText()).isEqualTo("String");
        assertThat(create.path("parameters").path("Overwrite").isBoolean()).isTrue();
        assertThat(create.path("parameters").path("Overwrite").asBoolean())
                .as("never overwrites a shipped tag")
                .isFalse();
        var delete = JSON.readTree((String) calls.get("Delete"));
        assertThat(delete.path("action").asText()).isEqualTo("deleteParameter");
        assertThat(delete.path("parameters").path("Name").asText()).isEqualTo("/myamazingapp/" + env + "/image-tag");
    }

    @ParameterizedTest(name = "{0}: the custom resource may write and delete only its own parameter")
    @ValueSource(strings = {"qa", "prod"})
    void imageTagCreationIsScopedToThatOneParameter(String env) {
        var t = JSON.valueToTree(Synthesized.registry(env).toJSON());
        var statements = new java.util.ArrayList<JsonNode>();
        t.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::IAM::Policy")) {
                resource.path("Properties")
                        .path("PolicyDocument")
                        .path("Statement")
                        .forEach(statements::add);
            }
            if (resource.path("Type").asText().equals("AWS::IAM::Role")) {
                assertThat(resource.path("Properties").has("ManagedPolicyArns"))
                        .as("no managed policy")
                        .isFalse();
            }
        });
        var ssm = statements.stream()
                .filter(s -> s.path("Action").toString().contains("ssm:"))
                .toList();
        assertThat(ssm).hasSize(1);
        assertThat(ssm.getFirst().path("Action").toString())
                .isEqualTo("[\"ssm:AddTagsToResource\",\"ssm:DeleteParameter\",\"ssm:PutParameter\"]");
        assertThat(ssm.getFirst().path("Resource").toString())
                .contains(":parameter/myamazingapp/" + env + "/image-tag\"")
                .doesNotContain("*");
        // The provider's own logs: only into its log group, nothing else on any resource.
        assertThat(statements)
                .allSatisfy(s -> assertThat(s.path("Resource").toString()).doesNotContain("\"*\""));
    }

    @ParameterizedTest(name = "{0}: deployTarget() hands the pipeline the parameter by its name")
    @ValueSource(strings = {"qa", "prod"})
    void theParameterIsNamedForThePipeline(String env) {
        var parameter = Synthesized.environment(env).registry().registry().imageTagParameter();
        assertThat(parameter.getParameterName()).isEqualTo("/myamazingapp/" + env + "/image-tag");
    }

    @ParameterizedTest(name = "{0}: the repository outlives the prod stack and goes with qa's")
    @ValueSource(strings = {"qa", "prod"})
    void removalPolicy(String env) {
        var policy = env.equals("prod") ? "Retain" : "Delete";
        Synthesized.registry(env)
                .hasResource("AWS::ECR::Repository", Match.objectLike(Map.of("DeletionPolicy", policy)));
    }
}
