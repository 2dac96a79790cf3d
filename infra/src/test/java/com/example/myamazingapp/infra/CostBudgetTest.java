package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static com.example.myamazingapp.infra.Synthesized.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/**
 * Each environment's AWS Budgets budget: its amount from cdk.json, alerts at 80 % actual and 100 % forecast to the
 * environment's ops topic (and the configured e-mail addresses), which Budgets may publish to, encrypted.
 */
class CostBudgetTest {

    static Map<String, Object> thisAccountsBudgets(String env) {
        var account = resolve(env, software.amazon.awscdk.Aws.ACCOUNT_ID);
        var partition = resolve(env, software.amazon.awscdk.Aws.PARTITION);
        return Map.of(
                "StringEquals",
                Map.of("aws:SourceAccount", account),
                "ArnLike",
                Map.of(
                        "aws:SourceArn",
                        Map.of("Fn::Join", List.of("", List.of("arn:", partition, ":budgets::", account, ":*")))));
    }

    /** The policy statement that lets AWS Budgets of this account, and no other, do {@code action}. */
    static Map<String, Object> budgetsMay(String env, Object action, Object resource) {
        return Map.of(
                "Sid",
                "BudgetsPublish",
                "Effect",
                "Allow",
                "Principal",
                Map.of("Service", "budgets.amazonaws.com"),
                "Action",
                action,
                "Resource",
                resource,
                "Condition",
                thisAccountsBudgets(env));
    }

    @ParameterizedTest(
            name =
                    "{0}: a monthly cost budget over the environment's tag, alerting the ops topic and ops@ at 80 % actual and 100 % forecast")
    @ValueSource(strings = {"qa", "prod"})
    void budget(String env) {
        var amount = env.equals("prod") ? 205 : 65;
        var subscribers = List.of(
                Map.of(
                        "SubscriptionType",
                        "SNS",
                        "Address",
                        resolve(env, stack(env).ops().topic().getTopicArn())),
                Map.of("SubscriptionType", "EMAIL", "Address", "ops@myamazingapp.example.com"));
        application(env).resourceCountIs("AWS::Budgets::Budget", 1);
        application(env)
                .hasResourceProperties(
                        "AWS::Budgets::Budget",
                        Map.of(
                                "Budget",
                                Map.of(
                                        "BudgetName",
                                        "myamazingapp-" + env,
                                        "BudgetType",
                                        "COST",
                                        "TimeUnit",
                                        "MONTHLY",
                                        "BudgetLimit",
                                        Map.of("Amount", amount, "Unit", "USD"),
                                        "CostFilters",
                                        Map.of("TagKeyValue", List.of("user:environment$" + env))),
                                "NotificationsWithSubscribers",
                                Match.arrayEquals(List.of(
                                        Map.of(
                                                "Notification",
                                                Map.of(
                                                        "NotificationType", "ACTUAL",
                                                        "ComparisonOperator", "GREATER_THAN",
                                                        "Threshold", 80,
                                                        "ThresholdType", "PERCENTAGE"),
                                                "Subscribers",
                                                subscribers),
                                        Map.of(
                                                "Notification",
                                                Map.of(
                                                        "NotificationType", "FORECASTED",
                                                        "ComparisonOperator", "GREATER_THAN",
                                                        "Threshold", 100,
                                                        "ThresholdType", "PERCENTAGE"),
                                                "Subscribers",
                                                subscribers)))));
    }

    @ParameterizedTest(name = "{0}: the ops topic's policy lets AWS Budgets of this account only publish")
    @ValueSource(strings = {"qa", "prod"})
    void budgetsMayPublishToTheOpsTopic(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::SNS::TopicPolicy",
                        Map.of(
                                "Topics",
                                List.of(resolve(env, stack(env).ops().topic().getTopicArn())),
                                "PolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(budgetsMay(
                                                env,
                                                "sns:Publish",
                                                resolve(
                                                        env,
                                                        stack(env).ops().topic().getTopicArn()))))))));
    }

    @ParameterizedTest(name = "{0}: the ops topic's key lets AWS Budgets of this account only encrypt for the topic")
    @ValueSource(strings = {"qa", "prod"})
    void budgetsMayUseTheOpsTopicsKey(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::KMS::Key",
                        Map.of(
                                "Description",
                                "myamazingapp " + env + " ops notifications",
                                "KeyPolicy",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(budgetsMay(
                                                env, List.of("kms:Decrypt", "kms:GenerateDataKey*"), "*")))))));
    }

    @ParameterizedTest(name = "{0}: the budget is created after the topic's and the key's policies allow it to publish")
    @ValueSource(strings = {"qa", "prod"})
    void theBudgetWaitsForThePolicies(String env) {
        var budget = application(env)
                .findResources("AWS::Budgets::Budget")
                .values()
                .iterator()
                .next();
        var dependsOn = ((Map<?, ?>) budget).get("DependsOn").toString();
        var policies = application(env).findResources("AWS::SNS::TopicPolicy").keySet();
        var keys = application(env)
                .findResources(
                        "AWS::KMS::Key",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of("Description", "myamazingapp " + env + " ops notifications")))))
                .keySet();
        assertThat(policies).anyMatch(dependsOn::contains);
        assertThat(keys).allMatch(dependsOn::contains);
    }
}
