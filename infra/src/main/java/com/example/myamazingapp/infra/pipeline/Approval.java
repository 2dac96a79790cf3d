package com.example.myamazingapp.infra.pipeline;

import java.util.List;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.actions.ManualApprovalAction;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Stage GetApproval: the approvers, subscribed by e-mail to the SNS topic {@value #TOPIC}, are asked to approve the
 * image QA runs before it goes to Prod.
 */
final class Approval extends Construct implements PipelineStep {

    static final String TOPIC = "MyAmazingApprovers";

    /**
     * @param key the pipeline's KMS key, which encrypts the topic
     * @param approverEmails who is asked
     * @param qaUrl the public address of QA, linked from the request
     * @param commitId the commit QA runs, as a pipeline variable
     * @param imageTag the tag of the image QA runs, as a pipeline variable
     * @param imageDigest the digest of that image, as a pipeline variable
     */
    record Props(
            Key key, List<String> approverEmails, String qaUrl, String commitId, String imageTag, String imageDigest) {}

    private final Topic topic;
    private final IAction action;

    Approval(Construct scope, String id, Props props) {
        super(scope, id);
        topic = Topic.Builder.create(this, TOPIC)
                .topicName(TOPIC)
                .displayName("myamazingapp release approvals")
                .masterKey(props.key())
                .enforceSsl(true)
                .build();
        props.approverEmails().forEach(email -> topic.addSubscription(new EmailSubscription(email)));
        action = ManualApprovalAction.Builder.create()
                .actionName(id)
                .notificationTopic(topic)
                .externalEntityLink(props.qaUrl())
                .additionalInformation("QA (" + props.qaUrl() + ") runs commit " + props.commitId() + " as image "
                        + props.imageTag() + " (" + props.imageDigest() + ") and passed the smoke test."
                        + " Approve to ship exactly this image to Prod.")
                .build();
    }

    @Override
    public IAction action() {
        return action;
    }

    Topic topic() {
        return topic;
    }
}
