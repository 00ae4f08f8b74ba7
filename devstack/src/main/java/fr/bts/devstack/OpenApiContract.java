package fr.bts.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generated OpenAPI document of a running service keeps the contract rules an integrator generates a client
 * from. Each service's Quarkus test extends this class, hands over the rules (commons {@code ContractRules::violations},
 * which devstack cannot depend on) and adds its own checks on {@link #document()}.
 */
public abstract class OpenApiContract {

    private final Function<JsonNode, List<String>> rules;

    protected OpenApiContract(Function<JsonNode, List<String>> rules) {
        this.rules = rules;
    }

    /** The service's document as it serves it on {@code /q/openapi}, also written to {@code target/openapi.json}. */
    protected static JsonNode document() throws IOException {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target", "openapi.json"), body);
        return new ObjectMapper().readTree(body);
    }

    @Test
    void everyOperationKeepsTheContractRules() throws IOException {
        List<String> violations = rules.apply(document());
        assertEquals(List.of(), violations, String.join("\n", violations));
    }
}
