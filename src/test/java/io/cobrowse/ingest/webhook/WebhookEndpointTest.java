package io.cobrowse.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The front door, against the real database: the contract's response table, case by case. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class WebhookEndpointTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/webhooks/cobrowse")
    URL endpoint;

    private Db db() {
        return new Db(dataSource);
    }

    @ParameterizedTest
    @ValueSource(strings = {"visitor.updated", "session.started", "session.state", "session.ended", "visitor.deleted"})
    void eachSampleIsAcceptedAndStoredByteForByte(String sample) throws Exception {
        String id = Webhooks.newId();
        byte[] body = Webhooks.sample(sample).getBytes(StandardCharsets.UTF_8);
        Webhooks.send(id, body)
                .then()
                .statusCode(202)
                .contentType("application/json")
                .body("id", equalTo(id))
                .body("status", equalTo("accepted"));
        List<Object> row = db().rows(
                        "SELECT event_type, status, body_sha256, raw_body, event_timestamp "
                                + "FROM inbox_event WHERE webhook_id = ?",
                        id)
                .get(0);
        assertThat(row.get(0)).isEqualTo(sample);
        assertThat(row.get(1)).isIn("applied", "stale");
        assertThat((byte[]) row.get(2))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
        if (row.get(3) != null) {
            assertThat((byte[]) row.get(3)).isEqualTo(body);
        }
    }

    @Test
    void aRedeliveryWithTheSameBodyIsADuplicateAndChangesNothing() {
        String id = Webhooks.newId();
        String body = visitor("dup-" + id.substring(4, 12), "2026-11-24T10:00:00Z", "a@example.com");
        Webhooks.send(id, body).then().statusCode(202);
        String before = db().snapshot();
        Webhooks.send(id, body).then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("duplicate"));
        assertThat(db().snapshot()).isEqualTo(before);
        assertThat(db().count("SELECT count(*) FROM outbox_event WHERE webhook_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void theSameIdWithAnotherBodyIsAConflictAndChangesNothing() {
        String id = Webhooks.newId();
        String shortId = "conf-" + id.substring(4, 12);
        Webhooks.send(id, visitor(shortId, "2026-11-24T10:00:00Z", "a@example.com"))
                .then()
                .statusCode(202);
        String before = db().snapshot();
        Webhooks.send(id, visitor(shortId, "2026-11-24T11:00:00Z", "b@example.com"))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409));
        assertThat(db().snapshot()).isEqualTo(before);
        assertThat(db().one("SELECT email FROM visitor WHERE short_id = ?", shortId))
                .isEqualTo("a@example.com");
    }

    @Test
    void concurrentDeliveriesOfOneIdMakeOneRowAndOneEffect() throws Exception {
        String id = Webhooks.newId();
        byte[] body = visitor("race-" + id.substring(4, 12), "2026-11-24T10:00:00Z", "r@example.com")
                .getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> Webhooks.send(id, body).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 202);
            assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db().count("SELECT count(*) FROM inbox_event WHERE webhook_id = ?", id))
                .isEqualTo(1);
        assertThat(db().count("SELECT count(*) FROM outbox_event WHERE webhook_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void anUnknownEventTypeIsKeptAsUnhandledAndPublishesNothing() {
        String id = Webhooks.newId();
        Webhooks.send(id, Webhooks.envelope("visitor.teleported", "2026-11-24T10:00:00Z", "{\"anything\": [1, 2]}"))
                .then()
                .statusCode(202)
                .body("status", equalTo("accepted"));
        assertThat(db().one("SELECT status FROM inbox_event WHERE webhook_id = ?", id))
                .isEqualTo("unhandled");
        assertThat(db().count("SELECT count(*) FROM outbox_event WHERE webhook_id = ?", id))
                .isZero();
    }

    // --- 401 ---

    @Test
    void noSignatureHeadersIs401() {
        String before = db().snapshot();
        given().contentType("application/json")
                .body(Webhooks.sample("visitor.updated"))
                .when()
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        assertThat(db().snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a bad signature, 0, 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 401",
        "a stale timestamp, -301, , 401",
        // well past the tolerance: the service reads its clock later than the test, so 301 s ahead can be 300 by then
        "a future timestamp, 330, , 401",
        "a timestamp just inside the tolerance, -290, , 202",
        "a non-numeric timestamp, NaN, , 401",
        "only other versions, 0, v2, 401",
    })
    void signatureCases(String name, String offset, String signatureOverride, int status) {
        String id = Webhooks.newId();
        byte[] body = visitor("sig-" + id.substring(4, 12), "2026-11-24T10:00:00Z", null)
                .getBytes(StandardCharsets.UTF_8);
        String ts =
                offset.equals("NaN") ? "soon" : String.valueOf(Instant.now().getEpochSecond() + Long.parseLong(offset));
        String valid = offset.equals("NaN")
                ? "v1,xx"
                : "v1," + SignatureVerifier.sign(Webhooks.secrets().get(0), id, Long.parseLong(ts), body);
        String header = signatureOverride == null
                ? valid
                : signatureOverride.equals("v2") ? valid.replace("v1,", "v2,") : signatureOverride;
        given().header("webhook-id", id)
                .header("webhook-timestamp", ts)
                .header("webhook-signature", header)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(status);
    }

    @Test
    void aWrongSecretIs401AndAValidSecondEntryOrSecondSecretIsAccepted() {
        String id = Webhooks.newId();
        byte[] body = visitor("rot-" + id.substring(4, 12), "2026-11-24T10:00:00Z", null)
                .getBytes(StandardCharsets.UTF_8);
        long ts = Instant.now().getEpochSecond();
        String wrong = SignatureVerifier.sign(
                "whsec_" + java.util.Base64.getEncoder().encodeToString("not-the-secret-at-all".getBytes()),
                id,
                ts,
                body);
        given().header("webhook-id", id)
                .header("webhook-timestamp", ts)
                .header("webhook-signature", "v1," + wrong)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(401);
        String second = SignatureVerifier.sign(Webhooks.secrets().get(1), id, ts, body);
        given().header("Webhook-Id", id)
                .header("WEBHOOK-TIMESTAMP", ts)
                .header("webhook-signature", "v1a,abc v1," + wrong + " v1," + second)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(202);
    }

    // --- 400 ---

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON | {nope | ''",
                "an array | [1,2] | ''",
                "no type | {\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{}} | /type",
                "type not a string | {\"type\":7,\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{}} | /type",
                "no timestamp | {\"type\":\"visitor.updated\",\"data\":{\"short_id\":\"x\"}} | /timestamp",
                "timestamp without offset | {\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00\",\"data\":{\"short_id\":\"x\"}} | /timestamp",
                "data an array | {\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":[]} | /data",
                "no short_id | {\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{}} | /data/short_id",
                "short_id a number | {\"type\":\"visitor.deleted\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":5}} | /data/short_id",
                "a boolean as a string | {\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":\"x\",\"is_online\":\"true\"}} | /data/is_online",
                "a year beyond storage | {\"type\":\"visitor.updated\",\"timestamp\":\"+999999999-12-31T23:59:59Z\",\"data\":{\"short_id\":\"x\"}} | /timestamp",
                "a datetime beyond what an instant holds | {\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":\"x\",\"last_seen_at\":\"+999999999-12-31T23:59:59-18:00\"}} | /data/last_seen_at",
                "a datetime before what an instant holds | {\"type\":\"visitor.updated\",\"timestamp\":\"-999999999-01-01T00:00:00+18:00\",\"data\":{\"short_id\":\"x\"}} | /timestamp",
                "a bad datetime | {\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":\"x\",\"last_seen_at\":\"yesterday\"}} | /data/last_seen_at",
                "duplicate keys | {\"type\":\"visitor.updated\",\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":\"x\"}} | /type",
                "a NUL character | {\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":\"x\",\"email\":\"a\\u0000b\"}} | /data/email",
                "session without visitor_id | {\"type\":\"session.started\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"id\":\"s\"}} | /data/visitor_id",
                "state without connections | {\"type\":\"session.state\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"session_id\":\"s\",\"visitor_id\":\"v\"}} | /data/connections",
                "a bad activeSince | {\"type\":\"session.state\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"session_id\":\"s\",\"visitor_id\":\"v\",\"connections\":[{\"uniqueConnectionId\":\"c\",\"activeSince\":\"x\"}]}} | /data/connections/0/activeSince",
            })
    void invalidBodiesAre400NamingTheFieldAndLeaveTheStoreUnchanged(String name, String body, String pointer) {
        String id = Webhooks.newId();
        String before = db().snapshot();
        Webhooks.send(id, body)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.pointer", hasItem(pointer));
        assertThat(db().snapshot()).isEqualTo(before);
        assertThat(db().awaitCount(1, "SELECT count(*) FROM rejected_request WHERE webhook_id = ?", id))
                .isEqualTo(1);
    }

    /** PostgreSQL's UTF-8 cannot hold an unpaired surrogate: such a string is invalid input, not a "?". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a lone high surrogate in an id | {\"short_id\":\"\\ud800\"} | /data/short_id",
                "a lone low surrogate in a string | {\"short_id\":\"v\",\"email\":\"a\\udc00b\"} | /data/email",
                "a reversed pair in a list | {\"short_id\":\"v\",\"tags\":[\"\\udc00\\ud800\"]} | /data/tags/0",
                "a lone surrogate in a key | {\"short_id\":\"v\",\"k\\ud800\":1} | /data",
            })
    void unpairedSurrogatesAre400NamingTheFieldOnEveryDelivery(String name, String data, String pointer) {
        String id = Webhooks.newId();
        String body = Webhooks.envelope("visitor.updated", "2026-11-24T10:00:00Z", data);
        String before = db().snapshot();
        for (int delivery = 0; delivery < 2; delivery++) {
            Webhooks.send(id, body)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.pointer", hasItem(pointer));
        }
        assertThat(db().snapshot()).isEqualTo(before);
        assertThat(db().awaitCount(2, "SELECT count(*) FROM rejected_request WHERE webhook_id = ?", id))
                .isEqualTo(2);
    }

    @Test
    void aSurrogateEncodedAsUtf8BytesIs400() {
        // U+D800 written as the three bytes UTF-8 forbids (ED A0 80)
        byte[] body = Webhooks.envelope("visitor.updated", "2026-11-24T10:00:00Z", "{\"short_id\":\"v#\"}")
                .getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf('#');
        byte[] bytes = new byte[body.length + 2];
        System.arraycopy(body, 0, bytes, 0, at);
        bytes[at] = (byte) 0xED;
        bytes[at + 1] = (byte) 0xA0;
        bytes[at + 2] = (byte) 0x80;
        System.arraycopy(body, at + 1, bytes, at + 3, body.length - at - 1);
        String before = db().snapshot();
        Webhooks.send(Webhooks.newId(), bytes).then().statusCode(400);
        assertThat(db().snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "visitor.updated:short_id",
                "visitor.updated:email",
                "session.started:id",
                "session.started:visitor_id"
            })
    void identifiersTooLongToIndexAre400NotAFailedCommit(String typeAndField) {
        String[] parts = typeAndField.split(":");
        // random letters do not compress, so they would overflow a btree index entry
        String huge = new java.util.Random(7)
                .ints(3000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        String data =
                switch (typeAndField) {
                    case "visitor.updated:short_id" -> "{\"short_id\":\"" + huge + "\"}";
                    case "visitor.updated:email" -> "{\"short_id\":\"v1\",\"email\":\"" + huge + "\"}";
                    case "session.started:id" -> "{\"id\":\"" + huge + "\",\"visitor_id\":\"v1\"}";
                    default -> "{\"id\":\"s1\",\"visitor_id\":\"" + huge + "\"}";
                };
        String before = db().snapshot();
        Webhooks.send(Webhooks.newId(), Webhooks.envelope(parts[0], "2026-11-24T10:00:00Z", data))
                .then()
                .statusCode(400)
                .body("errors.pointer", hasItem("/data/" + parts[1]));
        assertThat(db().snapshot()).isEqualTo(before);
    }

    @Test
    void aWebhookIdTooLongToIndexIs401() {
        Webhooks.send("msg_" + "x".repeat(600), WebhookEndpointTest.visitor("long-id", "2026-11-24T10:00:00Z", null))
                .then()
                .statusCode(401);
    }

    @Test
    void aRejectedIdIsValidatedAfreshOnItsNextDelivery() {
        String id = Webhooks.newId();
        Webhooks.send(id, "{\"type\":\"visitor.updated\"}").then().statusCode(400);
        Webhooks.send(id, visitor("fresh-" + id.substring(4, 12), "2026-11-24T10:00:00Z", null))
                .then()
                .statusCode(202);
    }

    @Test
    void anInvalidBodyForAnAcceptedIdIsAConflict() {
        String id = Webhooks.newId();
        Webhooks.send(id, visitor("inv-" + id.substring(4, 12), "2026-11-24T10:00:00Z", null))
                .then()
                .statusCode(202);
        Webhooks.send(id, "{\"type\":\"visitor.updated\"}").then().statusCode(409);
    }

    // --- 413, 415 ---

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void aBodyOverOneMebibyteIs413(int extraMebibytes) {
        byte[] body = oversized(extraMebibytes);
        Webhooks.send(Webhooks.newId(), body)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    /** Also beyond the HTTP server's own limit (16 MiB), which answers plain text. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 40})
    void aChunkedBodyOverOneMebibyteIs413(int extraMebibytes) throws Exception {
        HttpResponse<String> response = sendChunked(Webhooks.newId(), oversized(extraMebibytes));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":413");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsAcceptedAndStoredByteForByte() throws Exception {
        String id = Webhooks.newId();
        byte[] body = Webhooks.envelope(
                        "visitor.updated",
                        "2026-11-24T10:00:00Z",
                        "{\"short_id\":\"chunk-" + id.substring(4, 12) + "\",\"last_url\":\""
                                + "y".repeat(1024 * 1024 - 200) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(sendChunked(id, body).statusCode()).isEqualTo(202);
        assertThat((byte[]) db().one("SELECT raw_body FROM inbox_event WHERE webhook_id = ?", id))
                .isEqualTo(body);
    }

    private HttpResponse<String> sendChunked(String id, byte[] body) throws Exception {
        long ts = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.toString()))
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(ts))
                .header(
                        "webhook-signature",
                        "v1," + SignatureVerifier.sign(Webhooks.secrets().get(0), id, ts, body))
                // no length: sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    // --- 400: a record too large for the topics ---

    /**
     * A few bytes of a connection normalize to some 700 (every attribute present), so a body well under the
     * 1 MiB limit can make a record over the topics' limit (4 MiB by default): refused, naming the field.
     */
    @Test
    void aWebhookWhoseRecordWouldExceedTheTopicsLimitIs400NamingTheFieldAndLeavesTheStoreUnchanged() {
        String id = Webhooks.newId();
        String connections = IntStream.range(0, 8000)
                .mapToObj(i -> "{\"uniqueConnectionId\":\"c" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        String body = Webhooks.envelope(
                "session.state",
                "2026-11-24T10:00:00Z",
                "{\"session_id\":\"big-" + id.substring(4, 12) + "\",\"visitor_id\":\"big-" + id.substring(4, 12)
                        + "\",\"connections\":" + connections + "}");
        assertThat(body.length()).isLessThan(1024 * 1024);
        String before = db().snapshot();
        Webhooks.send(id, body)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/data/connections"));
        assertThat(db().snapshot()).isEqualTo(before);
        assertThat(db().awaitCount(1, "SELECT count(*) FROM rejected_request WHERE webhook_id = ?", id))
                .isEqualTo(1);
        // refused, not accepted: a later delivery is validated afresh, and refused again
        Webhooks.send(id, body).then().statusCode(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/xml",
                "application/octet-stream",
                "application/json; charset=latin1",
                "application/json; charset=utf-16"
            })
    void aContentTypeOtherThanJsonInUtf8Is415(String contentType) {
        String id = Webhooks.newId();
        byte[] body = Webhooks.sample("visitor.updated").getBytes(StandardCharsets.UTF_8);
        Webhooks.signed(id, body)
                .contentType(contentType)
                .when()
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(415)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aCompressedBodyIs415NotAnInvalidOne() throws IOException {
        String id = Webhooks.newId();
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(Webhooks.sample("visitor.updated").getBytes(StandardCharsets.UTF_8));
        }
        Webhooks.signed(id, gzipped.toByteArray())
                .contentType("application/json")
                .header("Content-Encoding", "gzip")
                .when()
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(415)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("Content-Encoding"));
        // nothing was stored: the same webhook, uncompressed and in UTF-8 as declared, is new
        Webhooks.signed(id, Webhooks.sample("visitor.updated").getBytes(StandardCharsets.UTF_8))
                .contentType("application/json; charset=UTF-8")
                .when()
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(202);
    }

    @Test
    void noInputOfATableOfMalformedBodiesGivesA5xx() {
        List<String> bodies = List.of(
                "",
                " ",
                "null",
                "0",
                "\"str\"",
                "{}",
                "{\"type\":null}",
                "{\"data\":null}",
                "{\"type\":\"visitor.updated\",\"timestamp\":\"9999-99-99T00:00:00Z\",\"data\":{\"short_id\":\"x\"}}",
                "{\"type\":\"session.started\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"id\":\"s\","
                        + "\"visitor_id\":\"v\",\"agents\":[null,1,{\"id\":7}],\"metadata\":[]}}",
                "{\"type\":\"session.state\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"session_id\":\"s\","
                        + "\"visitor_id\":\"v\",\"connections\":[{\"uniqueConnectionId\":\"c\","
                        + "\"screenWidth\":1e400,\"expectedDisconnect\":{\"ts\":\"x\"}}]}}",
                "{\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":\""
                        + "x".repeat(5000) + "\",\"identities\":[" + "\"a\",".repeat(1000) + "\"b\"]}}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"type\":\"session.started\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"id\":\"s\","
                        + "\"visitor_id\":\"v\",\"metadata\":{\"k\\u0000\":1,\"n\":1e999999999}}}",
                "{\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":"
                        + "\"v\\u0000\",\"is_online\":\"x\"}}",
                "{\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":\"\\ud800\"}}",
                "\u00ff\u00fe{}",
                // exponents too long for a decimal
                "{\"type\":1e99999999999}",
                "{\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"data\":{\"short_id\":\"v\","
                        + "\"future\":-1E-99999999999}}");
        for (String body : bodies) {
            int status = Webhooks.send(Webhooks.newId(), body).statusCode();
            assertThat(status)
                    .as(body.length() > 80 ? body.substring(0, 80) : body)
                    .isLessThan(500);
        }
        byte[] invalidUtf8 = {'{', '"', 't', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        assertThat(Webhooks.send(Webhooks.newId(), invalidUtf8).statusCode()).isLessThan(500);
    }

    private static byte[] oversized() {
        return oversized(1);
    }

    private static byte[] oversized(int extraMebibytes) {
        String padding = "x".repeat(extraMebibytes * 1024 * 1024);
        return Webhooks.envelope(
                        "visitor.updated",
                        "2026-11-24T10:00:00Z",
                        "{\"short_id\":\"big\",\"last_url\":\"" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String visitor(String shortId, String timestamp, String email) {
        return Webhooks.envelope(
                "visitor.updated",
                timestamp,
                "{\"short_id\":\"" + shortId + "\",\"email\":" + (email == null ? "null" : "\"" + email + "\"")
                        + ",\"identities\":[\"Grace Hopper\"]}");
    }
}
