package com.example.myamazingapp.infra;

/**
 * The ECR repository of an environment. Key in infra/cdk.json: ecrKeepImages.
 *
 * @param keepImages images kept in the repository (older ones expire)
 */
public record RegistryConfig(int keepImages) {

    static RegistryConfig read(ContextReader context) {
        return new RegistryConfig(context.requiredWhole("ecrKeepImages"));
    }

    void validate(Problems problems) {
        problems.check(
                keepImages >= 2 && keepImages <= 1000,
                "ecrKeepImages must be between 2 and 1000 (was " + keepImages + ")");
    }
}
