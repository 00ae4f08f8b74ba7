package fr.bts.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies several scenarios send alike: a complete jury of versailles, a BTS-SAM registration of a scolaire candidate. */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * A jury that satisfies the composition rules: {@code president} (enseignant-chercheur), {@code member}
     * (professeur), a second enseignant-chercheur and two professionals, the last three named after {@code tag}
     * ({@code ec-versailles-<tag>}, {@code pro-versailles-<tag>-1}, {@code -2}).
     */
    public static Map<String, Object> jury(String president, String member, String tag) {
        return Map.of(
                "president", person(president, "Pr. Claire Dubois", "ENSEIGNANT_CHERCHEUR"),
                "members", List.of(
                        person(member, "Marc Lefèvre", "PROFESSEUR_PUBLIC"),
                        person("ec-versailles-" + tag, "Dr. Anne Roussel", "ENSEIGNANT_CHERCHEUR"),
                        person("pro-versailles-" + tag + "-1", "Sophie Garnier", "PROFESSIONNEL_EMPLOYEUR"),
                        person("pro-versailles-" + tag + "-2", "Karim Benali", "PROFESSIONNEL_SALARIE")));
    }

    public static Map<String, Object> person(String account, String name, String qualite) {
        return Map.of("account", account, "name", name, "qualite", qualite);
    }

    /** Who registers; {@code account} is the candidate's Keycloak account (candidat-versailles in the demo realm). */
    public record Candidate(String number, String lastName, String firstName, String birthDate, String email, String account) {
    }

    /**
     * The BTS-SAM registration of {@code candidate} for {@code session} on {@code version}, sitting {@code unites}:
     * CAT_A scolaire, global form, English (U21) and Spanish (U22).
     */
    public static Map<String, Object> samRegistration(String session, Object version, Candidate candidate, List<String> unites) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("session", session);
        registration.put("certification", "BTS-SAM");
        registration.put("referentialVersion", version);
        registration.put("candidateNumber", candidate.number());
        registration.put("lastName", candidate.lastName());
        registration.put("firstName", candidate.firstName());
        registration.put("birthDate", candidate.birthDate());
        registration.put("email", candidate.email());
        registration.put("account", candidate.account());
        registration.put("categorie", "CAT_A");
        registration.put("voie", "ELEVE_ETUDIANT");
        registration.put("forme", "GLOBALE");
        registration.put("unites", unites);
        registration.put("langues", Map.of("U21", "ANGLAIS", "U22", "ESPAGNOL"));
        return registration;
    }

    /** One jury grade of a batch: {@code note} out of 20 for {@code candidate} at {@code epreuve}. */
    public static Map<String, Object> mark(String candidate, String epreuve, String note) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("candidate", candidate);
        item.put("epreuve", epreuve);
        item.put("statut", "NOTE");
        item.put("note", new BigDecimal(note));
        return item;
    }

    private static final ObjectMapper DECIMALS = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The body as JSON, numbers as BigDecimal (marks and averages are compared exactly). */
    public static JsonNode json(Response response) {
        try {
            return DECIMALS.readTree(response.asString());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }

    /** {@code actual} is present and numerically equal to {@code expected} (scale ignored: 12.5 = 12.50). */
    public static void assertDecimal(String expected, JsonNode actual, String why) {
        assertTrue(actual != null && !actual.isNull() && !actual.isMissingNode(), why + ": no value");
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.asText())), why + ": " + actual);
    }
}
