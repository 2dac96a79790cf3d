package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/** Each environment's AWS Budgets budget: its amount from cdk.json, alerts at 80 % actual and 100 % forecast. */
class CostBudgetTest {

    @ParameterizedTest(
            name = "{0}: a monthly cost budget over the environment's tag, alerting at 80 % actual and 100 % forecast")
    @ValueSource(strings = {"qa", "prod"})
    void budget(String env) {
        var amount = env.equals("prod") ? 215 : 65;
        var subscribers = List.of(Map.of("SubscriptionType", "EMAIL", "Address", "ops@myamazingapp.example.com"));
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
}
