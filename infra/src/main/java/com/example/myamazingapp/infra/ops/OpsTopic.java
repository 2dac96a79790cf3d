package com.example.myamazingapp.infra.ops;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The environment's operations topic, {@code myamazingapp-<env>-ops}: every alarm of the environment sends its ALARM
 * and OK here. Separate from the pipeline's approvers: the people on call are not the people who approve releases.
 * Encrypted with a key of its own that CloudWatch (and, with {@link #allowBudgets()}, AWS Budgets) may use to publish;
 * e-mail subscribers come from the configuration, and a chat channel (AWS Chatbot) subscribes to the topic without a
 * change here (docs/operations.md).
 */
public class OpsTopic extends Construct {

    /**
     * @param environmentName qa or prod
     * @param emails the addresses that get every alarm and recovery; each confirms its subscription once
     */
    public record Props(String environmentName, List<String> emails) {}

    private final Key key;
    private final Topic topic;

    public OpsTopic(Construct scope, String id, Props props) {
        super(scope, id);
        key = Key.Builder.create(this, "key")
                .description("myamazingapp " + props.environmentName() + " ops notifications")
                .enableKeyRotation(true)
                .build();
        // CloudWatch alarms publish to an encrypted topic only if they may use its key.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        topic = Topic.Builder.create(this, "topic")
                .topicName(topicName(props.environmentName()))
                .displayName("myamazingapp " + props.environmentName() + " ops")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        props.emails().forEach(email -> topic.addSubscription(new EmailSubscription(email)));
    }

    /**
     * AWS Budgets of this account may publish its alerts here: the topic's policy lets it publish and the key's policy
     * lets it encrypt for the topic, both only for budgets of this account (aws:SourceAccount, aws:SourceArn), so no
     * other account's budget can use the topic.
     */
    public void allowBudgets() {
        var budgets = new ServicePrincipal("budgets.amazonaws.com");
        var thisAccountsBudgets = Map.<String, Object>of(
                "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                "ArnLike", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":budgets::" + Aws.ACCOUNT_ID + ":*"));
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("BudgetsPublish")
                .principals(List.of(budgets))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(thisAccountsBudgets)
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("BudgetsPublish")
                .principals(List.of(budgets))
                .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(thisAccountsBudgets)
                .build());
    }

    public static String topicName(String environmentName) {
        return "myamazingapp-" + environmentName + "-ops";
    }

    public Topic topic() {
        return topic;
    }
}
