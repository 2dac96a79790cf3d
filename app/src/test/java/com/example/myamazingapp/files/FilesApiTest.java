package com.example.myamazingapp.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.TestS3;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class FilesApiTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void rawUploadIsStoredListedAndDownloadedWithItsNameTypeAndLength() throws Exception {
        var alice = api().newAccount();
        var content = randomBytes(300_000);

        var created = alice.put("Grüße 📄.pdf", content, "application/pdf");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var file = created.json();
        assertThat(file.get("name").asString()).isEqualTo("Grüße 📄.pdf");
        assertThat(file.get("size").asLong()).isEqualTo(content.length);
        assertThat(file.get("sha256").asString()).isEqualTo(sha256(content));
        var id = file.get("id").asString();
        var key = jdbc.sql("SELECT storage_key FROM stored_files WHERE id = :id::uuid")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(key).matches("files/[0-9a-f-]{36}");
        assertThat(TestS3.keys(key)).containsExactly(key);

        var listing = alice.get("/api/files").json();
        assertThat(listing.get("total").asLong()).isEqualTo(1);
        assertThat(listing.get("items").get(0).get("id").asString()).isEqualTo(id);

        var download = alice.get("/api/files/" + id + "/content");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(content.length));
        assertThat(download.header("Content-Disposition"))
                .startsWith("attachment;")
                .contains("filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%F0%9F%93%84.pdf");
    }

    @Test
    void multipartAndChunkedUploadsWorkToo() throws Exception {
        var bob = api().newAccount();
        var content = randomBytes(200_000);

        var multipart = bob.postMultipart("photo.png", content, "image/png");
        var chunked = bob.putChunked("stream.bin", content);

        assertThat(multipart.status()).as(multipart.toString()).isEqualTo(201);
        assertThat(multipart.json().get("contentType").asString()).isEqualTo("image/png");
        assertThat(multipart.json().get("sha256").asString()).isEqualTo(sha256(content));
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(201);
        assertThat(chunked.json().get("size").asLong()).isEqualTo(content.length);
        assertThat(chunked.json().get("sha256").asString()).isEqualTo(sha256(content));
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413AndNothingIsStored() {
        var carol = api().newAccount();
        var tooBig = randomBytes((int) MAX_UPLOAD_BYTES + 1);
        var objectsBefore = TestS3.keys("files/").size();

        var raw = carol.put("big.bin", tooBig, "application/octet-stream");
        var chunked = carol.putChunked("big.bin", tooBig);
        var multipart = carol.postMultipart("big.bin", tooBig, "application/octet-stream");

        for (var response : new ApiClient.Response[] {raw, chunked, multipart}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(413);
            assertThat(response.json().get("status").asInt()).isEqualTo(413);
            assertThat(response.json().get("message").asString()).contains("larger than the upload limit of 1 MiB");
        }
        assertThat(carol.get("/api/files").json().get("total").asLong()).isZero();
        assertThat(TestS3.keys("files/")).hasSize(objectsBefore);
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        var dave = api().newAccount();

        var response = dave.put("limit.bin", randomBytes((int) MAX_UPLOAD_BYTES), "application/octet-stream");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void anEmptyFileIsRefusedWith400() {
        var erin = api().newAccount();

        var raw = erin.put("empty.txt", new byte[0], "text/plain");
        var multipart = erin.postMultipart("empty.txt", new byte[0], "text/plain");

        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.json().get("message").asString()).contains("The file is empty");
        assertThat(multipart.status()).isEqualTo(400);
        assertThat(erin.get("/api/files").json().get("total").asLong()).isZero();
    }

    /**
     * The client declares 1000 bytes, sends 400 and closes its side: a 400 naming the problem (not 503 "storage
     * unavailable"), nothing stored. A raw socket, because no HTTP client sends fewer bytes than it declares.
     */
    @Test
    void aBodyShorterThanItsContentLengthIsRefusedWith400AndNothingIsStored() throws Exception {
        var email = "user-" + java.util.UUID.randomUUID() + "@example.com";
        api().signUp(email, "correct horse battery");
        var objectsBefore = TestS3.keys("files/").size();

        var response = halfSentPut(email, "Content-Length: 1000", new byte[400]);

        assertThat(response)
                .startsWith("HTTP/1.1 400")
                .contains("The upload ended")
                .contains("Nothing was stored");
        assertThat(api().as(email, "correct horse battery")
                        .get("/api/files")
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(TestS3.keys("files/")).hasSize(objectsBefore);
    }

    /** A chunked body whose last chunk never comes: the same 400 (it is being spooled when the client stops). */
    @Test
    void aChunkedBodyThatStopsMidwayIsRefusedWith400AndNothingIsStored() throws Exception {
        var email = "user-" + java.util.UUID.randomUUID() + "@example.com";
        api().signUp(email, "correct horse battery");
        var objectsBefore = TestS3.keys("files/").size();

        var response = halfSentPut(
                email,
                "Transfer-Encoding: chunked",
                ("190\r\n" + "x".repeat(400) + "\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(response)
                .startsWith("HTTP/1.1 400")
                .contains("The upload ended")
                .contains("Nothing was stored");
        assertThat(api().as(email, "correct horse battery")
                        .get("/api/files")
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(TestS3.keys("files/")).hasSize(objectsBefore);
    }

    /**
     * Sends a PUT's head and {@code body}, then closes the sending side (as a client that stops), and reads the answer.
     */
    private String halfSentPut(String email, String lengthHeader, byte[] body) throws Exception {
        var basic = java.util.Base64.getEncoder()
                .encodeToString((email + ":correct horse battery").getBytes(StandardCharsets.UTF_8));
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("PUT /api/files?name=short.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + basic
                            + "\r\nContent-Type: application/octet-stream\r\n" + lengthHeader + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void unsafeNamesAreKeptForDisplayOnlyAndNeverBecomeTheKey() {
        var frank = api().newAccount();

        var traversal = frank.put("../../etc/passwd", "x".getBytes(StandardCharsets.UTF_8), "text/plain")
                .json();
        var control = frank.put("a\u0000b\u202Ec\r\n.txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain")
                .json();
        var longName = frank.put("n".repeat(1000) + ".txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain")
                .json();
        var badType = frank.put("t.txt", "x".getBytes(StandardCharsets.UTF_8), "not a type")
                .json();

        assertThat(traversal.get("name").asString()).isEqualTo("passwd");
        assertThat(control.get("name").asString()).isEqualTo("abc.txt");
        assertThat(longName.get("name").asString()).hasSize(255).endsWith("….txt");
        assertThat(badType.get("contentType").asString()).isEqualTo("application/octet-stream");
        var keys = jdbc.sql("SELECT storage_key FROM stored_files WHERE id = :id::uuid")
                .param("id", traversal.get("id").asString())
                .query(String.class)
                .single();
        assertThat(keys).doesNotContain("passwd");
    }

    @Test
    void theListIsNewestFirstAndPaginated() {
        var grace = api().newAccount();
        for (int i = 1; i <= FileService.PAGE_SIZE + 2; i++) {
            assertThat(grace.put("file-" + i + ".txt", ("#" + i).getBytes(StandardCharsets.UTF_8), "text/plain")
                            .status())
                    .isEqualTo(201);
        }

        var first = grace.get("/api/files").json();
        var second = grace.get("/api/files?page=1").json();

        assertThat(first.get("total").asLong()).isEqualTo(FileService.PAGE_SIZE + 2);
        assertThat(first.get("items")).hasSize(FileService.PAGE_SIZE);
        assertThat(first.get("items").get(0).get("name").asString()).isEqualTo("file-22.txt");
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("items").get(1).get("name").asString()).isEqualTo("file-1.txt");
    }

    @Test
    void anotherUsersFileIsNotFoundOnEveryOperation() {
        var owner = api().newAccount();
        var stranger = api().newAccount();
        var id = owner.put("private.txt", "secret".getBytes(StandardCharsets.UTF_8), "text/plain")
                .json()
                .get("id")
                .asString();

        assertThat(stranger.get("/api/files/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/api/files/" + id + "/content").status()).isEqualTo(404);
        var delete = stranger.delete("/api/files/" + id);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.json().get("message").asString()).isEqualTo("No such file.");
        assertThat(stranger.get("/api/files").json().get("total").asLong()).isZero();
        assertThat(owner.get("/api/files/" + id + "/content").text()).isEqualTo("secret");
    }

    @Test
    void deleteRemovesTheRowAndTheObject() {
        var heidi = api().newAccount();
        var id = heidi.put("gone.txt", "bye".getBytes(StandardCharsets.UTF_8), "text/plain")
                .json()
                .get("id")
                .asString();
        var key = jdbc.sql("SELECT storage_key FROM stored_files WHERE id = :id::uuid")
                .param("id", id)
                .query(String.class)
                .single();

        assertThat(heidi.delete("/api/files/" + id).status()).isEqualTo(204);

        assertThat(heidi.get("/api/files/" + id).status()).isEqualTo(404);
        assertThat(TestS3.keys(key)).isEmpty();
    }

    @Test
    void withoutCredentialsTheApiAnswers401AsJson() {
        var response = api().get("/api/files");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"myamazingapp\"", "Basic realm=\"myamazingapp\"");
        assertThat(response.json().get("error").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void errorsRaisedBeforeAControllerIsChosenAreJsonToo() {
        var ivan = api().newAccount();

        var unknown = ivan.get("/api/nothing-here");
        var wrongMethod = ivan.send(
                ivan.request("/api/files").method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()));
        var badId = ivan.get("/api/files/not-a-uuid");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isEqualTo("Not Found");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("status").asInt()).isEqualTo(405);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("message").asString()).isNotBlank();
    }

    static byte[] randomBytes(int size) {
        var bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
