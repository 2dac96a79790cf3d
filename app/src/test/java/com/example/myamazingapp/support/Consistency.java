package com.example.myamazingapp.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The invariant every fault test checks: the data bucket holds exactly the objects the table points at. */
public final class Consistency {

    private Consistency() {}

    public static void assertBucketAndTableAgree(JdbcClient jdbc) {
        var rows = new HashSet<>(jdbc.sql("SELECT storage_key FROM stored_files")
                .query(String.class)
                .list());
        var objects = new HashSet<>(TestS3.keys("files/"));
        assertThat(objects).as("objects in the data bucket").isEqualTo(rows);
    }
}
