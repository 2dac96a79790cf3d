package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The pipeline stack wired to stand-in environments, synthesized once per test JVM and shared by the test classes of
 * its steps, with the look-ups they read the template through.
 */
final class SynthesizedPipeline {

    static final Template template = Template.fromStack(pipelineStack(new App(), PipelineConfigTest.webhookConfig()));
    static final JsonNode json = new ObjectMapper().valueToTree(template.toJSON());

    private SynthesizedPipeline() {}

    static PipelineStack pipelineStack(App app, PipelineConfig config) {
        var qa = EnvironmentFixture.deployTarget(app, "qa");
        var prod = EnvironmentFixture.deployTarget(app, "prod");
        return new PipelineStack(app, "Pipeline", StackProps.builder().build(), config, qa, prod);
    }

    static JsonNode pipeline(JsonNode template) {
        return resources(template, "AWS::CodePipeline::Pipeline").getFirst().path("Properties");
    }

    static List<JsonNode> resources(JsonNode template, String type) {
        var found = new ArrayList<JsonNode>();
        template.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        return found;
    }

    static JsonNode action(String stage) {
        for (var s : pipeline(json).path("Stages")) {
            if (s.path("Name").asText().equals(stage)) {
                assertThat(s.path("Actions")).as(stage + " has one action").hasSize(1);
                return s.path("Actions").get(0);
            }
        }
        throw new AssertionError("no stage " + stage);
    }

    static String logicalId(JsonNode ref) {
        return ref.has("Ref")
                ? ref.path("Ref").asText()
                : ref.path("Fn::GetAtt").get(0).asText();
    }

    static JsonNode project(String stage) {
        return json.path("Resources")
                .path(logicalId(action(stage).path("Configuration").path("ProjectName")))
                .path("Properties");
    }

    /** Every statement of the policies attached to the build project's service role, as "action resource" text. */
    static List<JsonNode> statementsOfProjectRole(String stage) {
        return statementsOfRole(logicalId(project(stage).path("ServiceRole")));
    }

    /** Every statement of the policies attached to the role with this logical id. */
    static List<JsonNode> statementsOfRole(String role) {
        var statements = new ArrayList<JsonNode>();
        for (var policy : resources(json, "AWS::IAM::Policy")) {
            if (policy.path("Properties").path("Roles").toString().contains("\"" + role + "\"")) {
                policy.path("Properties")
                        .path("PolicyDocument")
                        .path("Statement")
                        .forEach(statements::add);
            }
        }
        assertThat(statements).as("policies of " + role).isNotEmpty();
        return statements;
    }

    static List<String> actionsOn(List<JsonNode> statements, String resourceText) {
        var actions = new ArrayList<String>();
        for (var statement : statements) {
            if (statement.path("Resource").toString().contains(resourceText)) {
                var action = statement.path("Action");
                if (action.isArray()) {
                    action.forEach(a -> actions.add(a.asText()));
                } else {
                    actions.add(action.asText());
                }
            }
        }
        return actions;
    }
}
