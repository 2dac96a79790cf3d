package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.action;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Stage GetApproval: the approvers are asked through the MyAmazingApprovers topic. */
class ApprovalTest {

    @Test
    void approvalNotifiesTheMyAmazingApproversTopicWithTheQaUrlAndTheCommit() {
        template.hasResourceProperties(
                "AWS::SNS::Topic", Map.of("TopicName", "MyAmazingApprovers", "KmsMasterKeyId", Match.anyValue()));
        template.hasResourceProperties(
                "AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "release-approvers@myamazingapp.example.com"));
        var topic =
                template.findResources("AWS::SNS::Topic").keySet().iterator().next();

        var approval = action("GetApproval").path("Configuration");
        assertThat(approval.path("NotificationArn").path("Ref").asText()).isEqualTo(topic);
        assertThat(approval.path("CustomData").asText())
                .contains(
                        "https://qa.myamazingapp.example.com",
                        "#{SourceVariables.CommitId}",
                        "#{QAImage.IMAGE_TAG}",
                        "#{QAImage.IMAGE_DIGEST}");
        assertThat(approval.path("ExternalEntityLink").asText()).isEqualTo("https://qa.myamazingapp.example.com");
    }
}
