package io.cobrowse.ingest.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** The operator API's test keys (the test profile's COBROWSE_API_KEYS), one per role and one with all three. */
public final class OperatorApi {

    public static final String READ_ONLY = "test-read-only-key-000000000000000000";
    public static final String REPLAY_ONLY = "test-replay-only-key-0000000000000000";
    public static final String ERASE_ONLY = "test-erase-only-key-00000000000000000";
    public static final String OPERATOR = "test-operator-key-000000000000000000000";

    private OperatorApi() {}

    /** A request with the given bearer key. */
    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}
