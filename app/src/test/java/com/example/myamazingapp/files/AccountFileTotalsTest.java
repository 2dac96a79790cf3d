package com.example.myamazingapp.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.IntegrationTest;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The per-account totals the pages read (migration V9) always equal what counting the files would give. */
class AccountFileTotalsTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void uploadsAndDeletesKeepTheTotalsEqualToTheFiles() {
        var owner = api().newAccount();
        var ids = new ArrayList<String>();
        for (int size : new int[] {10, 200, 3000}) {
            ids.add(owner.put("f" + size, new byte[size], "application/octet-stream")
                    .json()
                    .get("id")
                    .asString());
        }
        long ownerId = jdbc.sql("select owner_id from stored_files where id = :id")
                .param("id", UUID.fromString(ids.getFirst()))
                .query(Long.class)
                .single();

        assertThat(totals(ownerId)).isEqualTo(counted(ownerId)).startsWith("3 3210 ");
        assertThat(owner.delete("/api/files/" + ids.getLast()).status()).isEqualTo(204); // the newest
        assertThat(totals(ownerId)).isEqualTo(counted(ownerId)).startsWith("2 210 ");
        assertThat(owner.get("/api/files").json().get("total").asLong()).isEqualTo(2);
        owner.delete("/api/files/" + ids.get(0));
        owner.delete("/api/files/" + ids.get(1));
        assertThat(totals(ownerId)).isEqualTo(counted(ownerId)).isEqualTo("0 0 null");
    }

    private String totals(long ownerId) {
        return jdbc.sql("select files || ' ' || bytes || ' ' || coalesce(last_upload::text, 'null')"
                        + " from account_file_totals where account_id = :id")
                .param("id", ownerId)
                .query(String.class)
                .single();
    }

    private String counted(long ownerId) {
        return jdbc.sql("select count(*) || ' ' || coalesce(sum(size_bytes), 0) || ' '"
                        + " || coalesce(max(created_at)::text, 'null') from stored_files where owner_id = :id")
                .param("id", ownerId)
                .query(String.class)
                .single();
    }
}
