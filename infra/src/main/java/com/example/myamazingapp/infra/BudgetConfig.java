package com.example.myamazingapp.infra;

import java.util.List;

/**
 * The AWS Budgets budget of an environment: a monthly cost budget over the resources tagged with the environment's
 * name, alerting at 80 % of actual and 100 % of forecast spend. Keys in infra/cdk.json: monthlyBudgetUsd, budgetEmails.
 *
 * @param monthlyBudgetUsd the monthly amount in USD: scripts/cost-report's figure for the environment plus a margin
 *     (docs/cost.md)
 * @param emails who the alerts are e-mailed to (a JSON array; with -c a comma-separated string); at least one
 */
public record BudgetConfig(int monthlyBudgetUsd, List<String> emails) {

    static BudgetConfig read(ContextReader context) {
        var emails = context.list("budgetEmails");
        return new BudgetConfig(
                context.requiredWhole("monthlyBudgetUsd"),
                emails == null
                        ? List.of()
                        : emails.stream()
                                .map(String::valueOf)
                                .filter(s -> !s.isEmpty())
                                .toList());
    }

    void validate(Problems problems) {
        problems.check(monthlyBudgetUsd >= 1, "monthlyBudgetUsd must be at least 1 (was " + monthlyBudgetUsd + ")");
        problems.check(
                !emails.isEmpty()
                        && emails.stream()
                                .allMatch(e -> ContextReader.EMAIL.matcher(e).matches()),
                "budgetEmails must name at least one e-mail address (was " + emails + ")");
    }
}
