package com.example.myamazingapp.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The invariant every fault test checks, on what the test itself wrote (so one test's failure does not spill into the
 * others): the objects it added to the data bucket are exactly those its account's rows point at.
 */
public final class Consistency {

    private Consistency() {}

    /** The data bucket's file objects now; the test passes them back to {@link #assertBucketAndTableAgree}. */
    public static Set<String> objects() {
        return Set.copyOf(TestS3.keys("files/"));
    }

    public static void assertBucketAndTableAgree(JdbcClient jdbc, long ownerId, Set<String> objectsBefore) {
        var rows = new HashSet<>(jdbc.sql("SELECT storage_key FROM stored_files WHERE owner_id = :ownerId")
                .param("ownerId", ownerId)
                .query(String.class)
                .list());
        var added = new HashSet<>(TestS3.keys("files/"));
        added.removeAll(objectsBefore);
        assertThat(added).as("objects the test added to the data bucket").isEqualTo(rows);
    }
}
