package com.example.myamazingapp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Maven-only synth (no CDK CLI): same context as the CLI would pass, templates in infra/cdk.out. */
class InfraAppTest {

    @Test
    void withoutTheCliTheAppReadsCdkJsonAndWritesToInfraCdkOut() {
        assertThat(System.getenv("CDK_CONTEXT_JSON"))
                .as("run outside the CDK CLI")
                .isNull();
        assertThat(System.getenv("CDK_OUTDIR")).as("run outside the CDK CLI").isNull();
        var app = InfraApp.newApp(Map.of());
        assertThat(Path.of(app.getOutdir())).isEqualTo(InfraApp.infraDir().resolve("cdk.out"));
        assertThat(InfraApp.infraDir().resolve("cdk.json")).exists();
        assertThat(app.getNode().tryGetContext("environments")).isInstanceOf(Map.class);
        assertThat(app.getNode().tryGetContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy"))
                .isEqualTo(true);
        assertThat(app.getNode().tryGetContext("aws:cdk:enable-path-metadata")).isEqualTo(true);
    }
}
