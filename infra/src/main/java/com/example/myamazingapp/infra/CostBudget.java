package com.example.myamazingapp.infra;

import com.example.myamazingapp.infra.ops.OpsTopic;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.budgets.CfnBudget.BudgetDataProperty;
import software.amazon.awscdk.services.budgets.CfnBudget.NotificationProperty;
import software.amazon.awscdk.services.budgets.CfnBudget.NotificationWithSubscribersProperty;
import software.amazon.awscdk.services.budgets.CfnBudget.SpendProperty;
import software.amazon.awscdk.services.budgets.CfnBudget.SubscriberProperty;
import software.constructs.Construct;

/**
 * The environment's monthly AWS Budgets budget: the cost of the resources tagged {@code environment=<name>} (the tag
 * every resource of the environment carries; activate it once as a cost allocation tag, docs/deploy.md), alerting the
 * environment's ops topic, and the configured e-mail addresses if any, at 80 % of the amount actually spent and at 100
 * % of the forecast. Budgets without actions cost nothing.
 */
public class CostBudget extends Construct {

    static final double ACTUAL_PERCENT = 80;
    static final double FORECAST_PERCENT = 100;

    public CostBudget(Construct scope, String id, EnvironmentConfig config, OpsTopic ops) {
        super(scope, id);
        ops.allowBudgets();
        var subscribers = new ArrayList<Object>();
        subscribers.add(SubscriberProperty.builder()
                .subscriptionType("SNS")
                .address(ops.topic().getTopicArn())
                .build());
        config.budget()
                .emails()
                .forEach(email -> subscribers.add(SubscriberProperty.builder()
                        .subscriptionType("EMAIL")
                        .address(email)
                        .build()));
        var budget = CfnBudget.Builder.create(this, "budget")
                .budget(BudgetDataProperty.builder()
                        .budgetName("myamazingapp-" + config.name())
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(SpendProperty.builder()
                                .amount(config.budget().monthlyBudgetUsd())
                                .unit("USD")
                                .build())
                        .costFilters(java.util.Map.of("TagKeyValue", List.of("user:environment$" + config.name())))
                        .build())
                .notificationsWithSubscribers(List.of(
                        notification("ACTUAL", ACTUAL_PERCENT, subscribers),
                        notification("FORECASTED", FORECAST_PERCENT, subscribers)))
                .build();
        // AWS Budgets checks that it may publish when the budget is created: the topic's and key's policies first.
        budget.getNode().addDependency(ops);
    }

    private static NotificationWithSubscribersProperty notification(
            String type, double percent, List<Object> subscribers) {
        return NotificationWithSubscribersProperty.builder()
                .notification(NotificationProperty.builder()
                        .notificationType(type)
                        .comparisonOperator("GREATER_THAN")
                        .threshold(percent)
                        .thresholdType("PERCENTAGE")
                        .build())
                .subscribers(subscribers)
                .build();
    }
}
