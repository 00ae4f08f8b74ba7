package fr.bts.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static fr.bts.chaos.ChaosStack.expect;
import static fr.bts.chaos.ChaosStack.get;
import static fr.bts.chaos.ChaosStack.postJson;
import static fr.bts.chaos.ChaosStack.putJson;

/**
 * The data the scenarios write on: BTS-SAM registrations of académie versailles for a session year no earlier run
 * used, and (for grades) an evaluation session in GRADING with one commission per written épreuve, all through the
 * gateway as the rectorat's and jury's apps would.
 */
final class SamFixture {

    static final String SAM = "BTS-SAM";
    static final String RECTORAT = "rectorat-versailles";
    static final String JURY = "jury-versailles";
    static final String CANDIDATE = "candidat-versailles";
    static final String DOSSIERS = "/api/dossiers/v1";
    static final String EVALUATIONS = "/api/evaluations/v1";
    static final List<String> WRITTEN = List.of("E1", "E21", "E22", "E3");

    final String run = UUID.randomUUID().toString();
    final JsonNode referential;
    final int year;
    private final List<String> compulsory = new ArrayList<>();

    SamFixture() {
        ChaosStack.awaitAnswering(null, "/api/referential/v1/certifications/" + SAM + "/current", Duration.ofMinutes(2));
        referential = expect(200, get(null, "/api/referential/v1/certifications/" + SAM + "/current"), "the SAM referential");
        referential.path("unites").forEach(u -> {
            if (!u.path("facultative").asBoolean()) {
                compulsory.add(u.path("code").asText());
            }
        });
        year = firstUnusedYear();
        expect(200, putJson(RECTORAT, DOSSIERS + "/campaigns/" + year + "/" + SAM, Map.of(),
                Map.of("dossierDeadline", Instant.now().plus(1, ChronoUnit.DAYS).toString())), "dossier campaign");
    }

    int referentialVersion() {
        return referential.path("version").path("number").asInt();
    }

    String candidateNumber(int i) {
        return "CHA-" + year + "-" + String.format("%05d", i);
    }

    /** A registration row of candidate {@code i}; {@code account} is the candidate's Keycloak account (null: one of its own). */
    Map<String, Object> registration(int i, String account) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("session", Integer.toString(year));
        row.put("certification", SAM);
        row.put("referentialVersion", referentialVersion());
        row.put("candidateNumber", candidateNumber(i));
        row.put("lastName", "Chaos" + i);
        row.put("firstName", "Camille");
        row.put("birthDate", "2005-03-01");
        row.put("email", "chaos" + i + "@example.org");
        row.put("account", account != null ? account : "chaos-" + year + "-" + i);
        row.put("categorie", "CAT_A");
        row.put("voie", "ELEVE_ETUDIANT");
        row.put("forme", "GLOBALE");
        row.put("unites", compulsory);
        row.put("unitesFacultatives", List.of());
        row.put("langues", Map.of("U21", "ANGLAIS", "U22", "ESPAGNOL"));
        row.put("dispenses", List.of());
        row.put("benefices", List.of());
        return row;
    }

    long registered() {
        return expect(200, get(RECTORAT, DOSSIERS + "/dossiers?session=" + year + "&certification=" + SAM + "&size=1"),
                "registrations").path("totalItems").asLong();
    }

    /** How many registrations of the session share a candidate number with another one. */
    int duplicatedCandidateNumbers() {
        return registrationsByCandidateNumber().values().stream().mapToInt(n -> n - 1).sum();
    }

    /** The candidate numbers registered for the session. */
    Set<String> candidateNumbers() {
        return registrationsByCandidateNumber().keySet();
    }

    private Map<String, Integer> registrationsByCandidateNumber() {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            JsonNode items = expect(200, get(RECTORAT, DOSSIERS + "/dossiers?session=" + year + "&certification=" + SAM
                    + "&size=200&page=" + page), "registrations page " + page).path("items");
            if (items.isEmpty()) {
                break;
            }
            items.forEach(d -> seen.merge(d.path("candidateNumber").asText(), 1, Integer::sum));
        }
        return seen;
    }

    /** Imports {@code candidates} registrations, validates them, closes the campaign and opens grading. */
    String gradingSession(int candidates) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= candidates; i++) {
            rows.add(registration(i, null));
        }
        JsonNode report = expect(200, postJson(RECTORAT, DOSSIERS + "/imports", Map.of("Idempotency-Key", run + "-setup"), rows),
                "setup import");
        if (report.path("created").asInt() != candidates) {
            throw new AssertionError("setup import did not register " + candidates + " candidates: " + report);
        }
        for (JsonNode row : report.path("rows")) {
            String path = DOSSIERS + "/dossiers/" + row.path("id").asText();
            String etag = get(RECTORAT, path).header("ETag");
            ChaosStack.Answer submitted = ChaosStack.send(RECTORAT, "POST", path + "/registration/submit", Map.of("If-Match", etag), null, null);
            expect(200, submitted, "submit " + row);
            expect(200, ChaosStack.send(RECTORAT, "POST", path + "/registration/validate", Map.of("If-Match", submitted.header("ETag")), null, null),
                    "validate " + row);
        }
        expect(200, putJson(RECTORAT, DOSSIERS + "/campaigns/" + year + "/" + SAM, Map.of(),
                Map.of("dossierDeadline", Instant.now().minusSeconds(5).toString())), "close the campaign");
        JsonNode session = expect(201, postJson(RECTORAT, EVALUATIONS + "/sessions", Map.of(),
                Map.of("certification", SAM, "referentialVersion", Integer.toString(referentialVersion()), "year", year)), "session");
        String id = session.path("id").asText();
        String base = EVALUATIONS + "/sessions/" + id;
        expect(200, putJson(RECTORAT, base + "/jury", Map.of(), Map.of(
                "president", person("president-versailles", "Pr. Claire Dubois", "ENSEIGNANT_CHERCHEUR"),
                "members", List.of(
                        person(JURY, "Marc Lefèvre", "PROFESSEUR_PUBLIC"),
                        person("ec-versailles-chaos", "Dr. Anne Roussel", "ENSEIGNANT_CHERCHEUR"),
                        person("pro-versailles-chaos-1", "Sophie Garnier", "PROFESSIONNEL_EMPLOYEUR"),
                        person("pro-versailles-chaos-2", "Karim Benali", "PROFESSIONNEL_SALARIE")))), "jury");
        String etag = get(RECTORAT, base).header("ETag");
        expect(200, postJson(RECTORAT, base + "/transitions", Map.of("If-Match", etag), Map.of("to", "GRADING")), "GRADING");
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= candidates; i++) {
            numbers.add(candidateNumber(i));
        }
        for (String epreuve : WRITTEN) {
            String code = "COM-" + epreuve;
            expect(201, postJson(RECTORAT, base + "/commissions", Map.of(),
                    Map.of("code", code, "epreuve", epreuve, "members", List.of(JURY))), "commission " + code);
            expect(200, putJson(RECTORAT, base + "/commissions/" + code + "/candidates", Map.of(), Map.of("candidates", numbers)),
                    "commission " + code + " candidates");
        }
        return id;
    }

    private static Map<String, Object> person(String account, String name, String qualite) {
        return Map.of("account", account, "name", name, "qualite", qualite);
    }

    private int firstUnusedYear() {
        for (int y = 2040; y <= 2999; y++) {
            long registered = expect(200, get(RECTORAT, DOSSIERS + "/dossiers?session=" + y + "&certification=" + SAM + "&size=1"),
                    "registrations of " + y).path("totalItems").asLong();
            if (registered == 0) {
                return y;
            }
        }
        throw new AssertionError("no free session year");
    }
}
