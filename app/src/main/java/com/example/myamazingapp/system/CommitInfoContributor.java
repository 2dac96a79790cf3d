package com.example.myamazingapp.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.GitProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * "commit" in /actuator/info: from git.properties when the build saw a .git folder, else APP_COMMIT, which the pipeline
 * passes as a docker build-arg (its source artifact has no .git).
 */
@Component
class CommitInfoContributor implements InfoContributor {

    private final String commit;

    CommitInfoContributor(ObjectProvider<GitProperties> git, @Value("${app.commit:}") String appCommit) {
        var fromGit = git.getIfAvailable();
        if (fromGit != null && StringUtils.hasText(fromGit.getShortCommitId())) {
            this.commit = fromGit.getShortCommitId();
        } else {
            this.commit = StringUtils.hasText(appCommit) ? appCommit : "unknown";
        }
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("commit", commit);
    }
}
