package com.example.myamazingapp.infra;

import java.util.List;

/**
 * The AWS Budgets budget of an environment: a monthly cost budget over the resources tagged with the environment's
 * name, alerting the environment's ops topic (and these addresses) at 80 % of actual and 100 % of forecast spend. Keys
 * in infra/cdk.json: monthlyBudgetUsd, budgetEmails.
 *
 * @param monthlyBudgetUsd the monthly amount in USD: scripts/cost-report's figure for the environment plus a margin
 *     (docs/cost.md)
 * @param emails who the alerts are also e-mailed to, besides the ops topic's subscribers (a JSON array; with -c a
 *     comma-separated string); may be empty, at most 10 (AWS Budgets' limit per alert)
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
                emails.size() <= 10
                        && emails.stream()
                                .allMatch(e -> ContextReader.EMAIL.matcher(e).matches()),
                "budgetEmails must be e-mail addresses, at most 10 (was " + emails + ")");
    }
}
