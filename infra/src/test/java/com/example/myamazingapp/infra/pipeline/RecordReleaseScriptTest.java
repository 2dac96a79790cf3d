package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReleaseQA/ReleaseProd's script: first release starts the tasks; the tag is recorded only once the service is stable.
 */
class RecordReleaseScriptTest {

    static final String DESCRIBE = "aws ecs describe-services --cluster myamazingapp-prod-cluster"
            + " --services myamazingapp-prod --query services[0].desiredCount --output text";
    static final String WAIT =
            "aws ecs wait services-stable --cluster myamazingapp-prod-cluster --services myamazingapp-prod";
    static final String TASK_DEFINITION_OF_SERVICE = "aws ecs describe-services --cluster myamazingapp-prod-cluster"
            + " --services myamazingapp-prod --query services[0].taskDefinition --output text";
    static final String IMAGE_OF_WEB = "aws ecs describe-task-definition --task-definition"
            + " arn:aws:ecs:eu-west-1:123456789012:task-definition/myamazingapp-prod:7"
            + " --query taskDefinition.containerDefinitions[?name=='web'].image | [0] --output text";
    static final String PUT =
            "aws ssm put-parameter --name /myamazingapp/prod/image-tag --value 3f9c2a71" + " --type String --overwrite";

    @TempDir
    Path temp;

    ScriptRun script;

    @BeforeEach
    void prodReleaseEnvironment() throws Exception {
        script = new ScriptRun(temp)
                .env("CLUSTER_NAME", "myamazingapp-prod-cluster")
                .env("SERVICE_NAME", "myamazingapp-prod")
                .env("DESIRED_COUNT", "2")
                .env("IMAGE_TAG_PARAMETER", "/myamazingapp/prod/image-tag")
                .env("IMAGE_TAG", "3f9c2a71")
                .env("FAKE_RUNNING_IMAGE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/myamazingapp-prod:3f9c2a71");
    }

    @Test
    void theFirstReleaseStartsTheConfiguredTasksWaitsUntilStableThenRecordsTheTag() throws Exception {
        var result = script.env("FAKE_DESIRED_COUNT", "0").run("record-release.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls())
                .containsExactly(
                        DESCRIBE,
                        "aws ecs update-service --cluster myamazingapp-prod-cluster --service myamazingapp-prod --desired-count 2",
                        WAIT,
                        TASK_DEFINITION_OF_SERVICE,
                        IMAGE_OF_WEB,
                        PUT);
        assertThat(result.output())
                .contains("first release", "not rolled back", "/myamazingapp/prod/image-tag = 3f9c2a71");
    }

    @Test
    void aLaterReleaseLeavesTheDesiredCountToAutoscalingAndRecordsTheTag() throws Exception {
        var result = script.env("FAKE_DESIRED_COUNT", "2").run("record-release.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).containsExactly(DESCRIBE, WAIT, TASK_DEFINITION_OF_SERVICE, IMAGE_OF_WEB, PUT);
    }

    @Test
    void aServiceThatNeverBecomesStableFailsTheStepAndTheTagIsNotRecorded() throws Exception {
        var result = script.env("FAKE_DESIRED_COUNT", "0")
                .env("FAKE_WAIT_FAILS", "yes")
                .run("record-release.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("did not become stable within 10 minutes: image tag 3f9c2a71 not recorded");
        assertThat(result.calls()).contains(WAIT).noneMatch(call -> call.contains("put-parameter"));
    }

    @Test
    void aBlueGreenReleaseWaitsThroughItsBakeTimeInRoundsOfTheWaiter() throws Exception {
        // 25 minutes: three rounds of the CLI's 10-minute waiter, all failing here.
        var result = script.env("FAKE_DESIRED_COUNT", "2")
                .env("WAIT_MINUTES", "25")
                .env("FAKE_WAIT_FAILS", "yes")
                .run("record-release.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("did not become stable within 25 minutes: image tag 3f9c2a71 not recorded");
        assertThat(result.calls()).containsExactly(DESCRIBE, WAIT, WAIT, WAIT);
    }

    @Test
    void aStableServiceRunningAnotherImageFailsTheStepAndTheTagIsNotRecorded() throws Exception {
        // E.g. the circuit breaker rolled the deployment back: stable, but on the previous image.
        var result = script.env("FAKE_DESIRED_COUNT", "2")
                .env("FAKE_RUNNING_IMAGE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/myamazingapp-prod:0badc0de")
                .run("record-release.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains(
                        "ROLLED BACK: myamazingapp-prod is stable but runs"
                                + " '123456789012.dkr.ecr.eu-west-1.amazonaws.com/myamazingapp-prod:0badc0de' in container web",
                        "not the tag 3f9c2a71: the deployment was rolled back",
                        "image tag not recorded");
        assertThat(result.calls()).containsExactly(DESCRIBE, WAIT, TASK_DEFINITION_OF_SERVICE, IMAGE_OF_WEB);
    }

    @Test
    void aTagThatOnlyContainsTheShippedOneIsNotTakenForIt() throws Exception {
        var result = script.env("FAKE_DESIRED_COUNT", "2")
                .env(
                        "FAKE_RUNNING_IMAGE",
                        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/myamazingapp-prod:3f9c2a71-old")
                .run("record-release.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.calls()).noneMatch(call -> call.contains("put-parameter"));
    }

    @Test
    void theContainerToCheckCanBeNamed() throws Exception {
        var result = script.env("FAKE_DESIRED_COUNT", "2")
                .env("CONTAINER_NAME", "app")
                .run("record-release.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).contains(IMAGE_OF_WEB.replace("name=='web'", "name=='app'"), PUT);
    }

    @Test
    void aServiceThatDoesNotExistIsNamedAndNothingIsChanged() throws Exception {
        var result = script.run("record-release.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("service myamazingapp-prod not found in cluster myamazingapp-prod-cluster");
        assertThat(result.calls()).containsExactly(DESCRIBE);
    }

    @Test
    void anUnresolvedTagOrABadCountIsRefusedBeforeAnyCall() throws Exception {
        var badTag = script.env("IMAGE_TAG", "#{QAImage.IMAGE_TAG}").run("record-release.sh");
        assertThat(badTag.exitCode()).isNotZero();
        assertThat(badTag.output()).contains("IMAGE_TAG '#{QAImage.IMAGE_TAG}' is not an image tag");

        var badCount =
                script.env("IMAGE_TAG", "3f9c2a71").env("DESIRED_COUNT", "0").run("record-release.sh");
        assertThat(badCount.exitCode()).isNotZero();
        assertThat(badCount.output()).contains("DESIRED_COUNT '0' is not a positive number of tasks");
        assertThat(badCount.calls()).isEmpty();
    }

    @Test
    void aMissingSettingIsNamed() throws Exception {
        var result = script.env("IMAGE_TAG_PARAMETER", "").run("record-release.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("environment variable IMAGE_TAG_PARAMETER is not set");
        assertThat(result.calls()).isEmpty();
    }
}
