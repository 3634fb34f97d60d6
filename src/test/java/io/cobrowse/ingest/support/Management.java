package io.cobrowse.ingest.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the management port of the service under test, where health and metrics are served. */
public final class Management {

    private Management() {}

    /** Like RestAssured's {@code given()}, on the management port; paths are absolute ({@code /q/health}). */
    public static RequestSpecification given() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class));
        return RestAssured.given()
                .baseUri(url.getScheme() + "://" + url.getHost())
                .port(url.getPort());
    }

    /** The Prometheus exposition the service serves now. */
    public static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
