package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.info.GitProperties;

class CommitInfoContributorTest {

    @Test
    void gitPropertiesWinWhenTheBuildSawAGitFolder() {
        var git = new Properties();
        git.setProperty("commit.id", "0123456789abcdef0123456789abcdef01234567");
        var beans = new StaticListableBeanFactory();
        beans.addBean("git", new GitProperties(git));

        assertThat(commit(new CommitInfoContributor(beans.getBeanProvider(GitProperties.class), "from-build-arg")))
                .isEqualTo("0123456");
    }

    @Test
    void appCommitIsUsedWithoutGitProperties() {
        var none = new StaticListableBeanFactory().getBeanProvider(GitProperties.class);

        assertThat(commit(new CommitInfoContributor(none, "abc1234"))).isEqualTo("abc1234");
        assertThat(commit(new CommitInfoContributor(none, ""))).isEqualTo("unknown");
    }

    private static Object commit(CommitInfoContributor contributor) {
        var info = new Info.Builder();
        contributor.contribute(info);
        return info.build().get("commit");
    }
}
