package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.Probes;
import com.example.myamazingapp.support.TestS3;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.core.sync.RequestBody;

/** A client that hangs up in the middle of a download costs one short line at most, not an ERROR with a stack. */
@ExtendWith(OutputCaptureExtension.class)
class ClientDisconnectTest extends IntegrationTest {

    private static final int SIZE = 32 * 1024 * 1024; // far more than the socket buffers hold

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDownloadAbortedByTheClientIsNotLoggedAsAnError(CapturedOutput output) throws Exception {
        var email = "gone-" + UUID.randomUUID() + "@example.com";
        var password = "correct horse battery";
        assertThat(api().signUp(email, password).status()).isEqualTo(201);
        // Bigger than the tests' upload limit, so stored the way an upload leaves it: the object, then its row.
        var key = "files/" + UUID.randomUUID();
        TestS3.client().putObject(b -> b.bucket(TestS3.BUCKET).key(key), RequestBody.fromBytes(new byte[SIZE]));
        var id = UUID.randomUUID();
        jdbc.sql("""
                        insert into stored_files
                            (id, owner_id, original_name, content_type, size_bytes, sha256, storage_key)
                        select :id, id, 'big.bin', 'application/octet-stream', :size, 'x', :key from accounts
                        where email = :email""")
                .param("id", id)
                .param("size", SIZE)
                .param("key", key)
                .param("email", email)
                .update();
        var request = "gone-" + UUID.randomUUID();
        int before = output.length();

        try (var socket = new Socket("localhost", port)) {
            socket.setReceiveBufferSize(4096);
            socket.getOutputStream()
                    .write(("GET /api/files/" + id + "/content HTTP/1.1\r\nHost: localhost\r\n"
                                    + Probes.HEADER + ": " + request + "\r\nAuthorization: Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8))
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            var head = new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 200");
            socket.setSoLinger(true, 0); // close with a reset, as a killed browser tab does
        }
        Probes.statementsOf(request); // waits until the server has finished with the request
        // The request line comes last, once the whole filter chain has returned.
        for (int i = 0; i < 300 && !output.toString().substring(before).contains("/content ->"); i++) {
            Thread.sleep(100);
        }

        var logged = output.toString().substring(before);
        assertThat(logged.lines().filter(line -> line.contains("/content")))
                .as("one request line")
                .hasSize(1);
        assertThat(logged).doesNotContain("ERROR").doesNotContain("\tat ");
    }
}
