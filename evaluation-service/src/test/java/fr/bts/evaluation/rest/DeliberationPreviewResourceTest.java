package fr.bts.evaluation.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.evaluation.rest.StagedSession.Stage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fr.bts.evaluation.rest.StagedSession.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The preview keeps one page of results as it decides the candidates: its pages and its decision filter cut the
 * session in candidate-number order exactly as the whole list would, and every page counts every decision.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
class DeliberationPreviewResourceTest {

    @Test
    void pagesAndTheDecisionFilterCutTheSessionInCandidateNumberOrder() {
        StagedSession s = StagedSession.at(Stage.GRADES_ENTERED);
        String url = s.path() + "/deliberations/preview";
        JsonPath all = page(s, url, Map.of("size", 100));
        List<String> order = all.getList("items.candidate");
        assertEquals(List.of(StagedSession.C1, StagedSession.C2, StagedSession.C3, StagedSession.C4), order);
        Map<String, Object> decisions = all.getMap("decisions");
        assertEquals(4, decisions.values().stream().mapToInt(v -> ((Number) v).intValue()).sum());

        for (int p = 0; p < order.size(); p++) {
            JsonPath one = page(s, url, Map.of("page", p, "size", 1));
            assertEquals(List.of(order.get(p)), one.getList("items.candidate"));
            assertEquals(all.getList("items[" + p + "].result.lignes"), one.getList("items[0].result.lignes"));
            assertEquals(4, one.getInt("candidates"));
            assertEquals(decisions, one.getMap("decisions"));
        }
        assertEquals(order.subList(0, 3), page(s, url, Map.of("page", 0, "size", 3)).getList("items.candidate"));
        assertEquals(order.subList(3, 4), page(s, url, Map.of("page", 1, "size", 3)).getList("items.candidate"));
        assertEquals(List.of(), page(s, url, Map.of("page", 2, "size", 3)).getList("items.candidate"));

        String decision = all.getString("items[3].result.decision");
        List<String> withIt = all.getList("items.findAll { it.result.decision == '" + decision + "' }.candidate");
        JsonPath filtered = page(s, url, Map.of("decision", decision, "size", 100));
        assertEquals(withIt, filtered.getList("items.candidate"));
        assertEquals(4, filtered.getInt("candidates"));
        assertEquals(decisions, filtered.getMap("decisions"));
        assertEquals(List.of(), page(s, url, Map.of("decision", decision, "page", withIt.size(), "size", 1)).getList("items"));
        assertEquals(List.of(), page(s, url, Map.of("decision", "NO_SUCH_DECISION")).getList("items"));
    }

    private static JsonPath page(StagedSession s, String url, Map<String, ?> query) {
        return as(s.president).queryParams(query).get(url).then().statusCode(200).extract().jsonPath();
    }
}
