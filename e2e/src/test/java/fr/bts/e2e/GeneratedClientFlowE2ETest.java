package fr.bts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.e2e.client.ApiClient;
import fr.bts.e2e.client.ApiException;
import fr.bts.e2e.client.ApiResponse;
import fr.bts.e2e.client.api.CampaignsApi;
import fr.bts.e2e.client.api.CandidatesAndResultsApi;
import fr.bts.e2e.client.api.CertificationsApi;
import fr.bts.e2e.client.api.DeliberationsApi;
import fr.bts.e2e.client.api.DossiersApi;
import fr.bts.e2e.client.api.GradesApi;
import fr.bts.e2e.client.api.JuriesAndCommissionsApi;
import fr.bts.e2e.client.api.SessionsApi;
import fr.bts.e2e.client.model.Assignment;
import fr.bts.e2e.client.model.Batch;
import fr.bts.e2e.client.model.BatchItem;
import fr.bts.e2e.client.model.CampaignInput;
import fr.bts.e2e.client.model.CandidateResult;
import fr.bts.e2e.client.model.CategorieCandidat;
import fr.bts.e2e.client.model.Decision;
import fr.bts.e2e.client.model.FormeInscription;
import fr.bts.e2e.client.model.Jury;
import fr.bts.e2e.client.model.NewCommission;
import fr.bts.e2e.client.model.OpenSession;
import fr.bts.e2e.client.model.Person;
import fr.bts.e2e.client.model.QualiteJure;
import fr.bts.e2e.client.model.RegistrationInput;
import fr.bts.e2e.client.model.ResultatUnite;
import fr.bts.e2e.client.model.Seal;
import fr.bts.e2e.client.model.SessionStatus;
import fr.bts.e2e.client.model.StatutNote;
import fr.bts.e2e.client.model.Transition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, "a typed client generated from the published document": the e2e build generates a Java client from the
 * gateway's merged OpenAPI document (openapi-generator, {@code java} / {@code native}, see e2e/pom.xml), and this test
 * drives one complete flow through the gateway with it alone, with real Keycloak tokens: the rectorat opens a dossier
 * campaign and imports a registration, validates it, closes the campaign, opens the evaluation session, appoints the
 * jury and a commission per épreuve; the jury sends the grades; the president deliberates and seals; the rectorat
 * publishes; the transcript is read by the rectorat and by the candidate. A BTS-SAM candidate in forme progressive
 * (units U1, U3, U6, no professional dossier), in the first session year no earlier run used.
 */
class GeneratedClientFlowE2ETest {

    private static final String SAM = "BTS-SAM";
    private static final String RECTORAT = "rectorat-versailles";
    private static final String JURY = "jury-versailles";
    private static final String PRESIDENT = "president-versailles";
    private static final String CANDIDATE = "candidat-versailles-2";
    private static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();

    private final String run = UUID.randomUUID().toString();

    @Test
    void registrationImportToPublishedTranscriptWithTheGeneratedClientOnly() throws Exception {
        ApiClient rectorat = clientOf(RECTORAT);
        Integer version = new CertificationsApi(clientOf(null)).apiReferentialV1CertificationsCodeGet(SAM).getCurrentVersion();
        assertNotNull(version, "BTS-SAM has a published version");
        int year = firstUnusedSessionYear(rectorat);
        String number = "VER-" + year + "-10001";

        // dossier campaign, import of one registration (retried with the same key: the first report again), validation
        CampaignsApi campaigns = new CampaignsApi(rectorat);
        campaigns.apiDossiersV1CampaignsSessionCertificationPut(SAM, Integer.toString(year),
                new CampaignInput().dossierDeadline(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)));
        // (main's document types the import's body as a binary file, which the generated client sends as a JSON
        // string: the registration goes through the one-registration operation, idempotent by its key)
        DossiersApi dossiers = new DossiersApi(rectorat);
        JsonNode registered = json(dossiers.apiDossiersV1DossiersPost(registration(year, version, number), run + "-register"));
        assertEquals(number, registered.path("candidateNumber").asText(), () -> "registration: " + registered);
        assertEquals(registered, json(dossiers.apiDossiersV1DossiersPost(registration(year, version, number), run + "-register")),
                "a retried registration replays its first answer");
        String fileId = registered.path("id").asText();

        ApiResponse<Object> submitted = dossiers.apiDossiersV1DossiersIdRegistrationSubmitPostWithHttpInfo(fileId, run + "-submit",
                etag(dossiers.apiDossiersV1DossiersIdGetWithHttpInfo(fileId, null)));
        JsonNode validated = json(dossiers.apiDossiersV1DossiersIdRegistrationValidatePost(fileId, etag(submitted)));
        assertEquals("VALIDATED", validated.path("status").asText());
        campaigns.apiDossiersV1CampaignsSessionCertificationPut(SAM, Integer.toString(year),
                new CampaignInput().dossierDeadline(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5)));

        // evaluation session, jury, commissions, grading
        SessionsApi sessions = new SessionsApi(rectorat);
        JsonNode opened = json(sessions.apiEvaluationsV1SessionsPost(new OpenSession()
                .certification(SAM).referentialVersion(Integer.toString(version)).year(year)));
        assertEquals("OPEN", opened.path("status").asText());
        UUID session = UUID.fromString(opened.path("id").asText());
        JuriesAndCommissionsApi juries = new JuriesAndCommissionsApi(rectorat);
        juries.apiEvaluationsV1SessionsIdJuryPut(session, new Jury()
                .president(person(PRESIDENT, "Pr. Claire Dubois", QualiteJure.ENSEIGNANT_CHERCHEUR))
                .members(List.of(person(JURY, "Marc Lefèvre", QualiteJure.PROFESSEUR_PUBLIC),
                        person("ec-versailles-generated", "Dr. Anne Roussel", QualiteJure.ENSEIGNANT_CHERCHEUR),
                        person("pro-versailles-generated-1", "Sophie Garnier", QualiteJure.PROFESSIONNEL_EMPLOYEUR),
                        person("pro-versailles-generated-2", "Karim Benali", QualiteJure.PROFESSIONNEL_SALARIE))));
        transition(rectorat, session, SessionStatus.GRADING);
        for (String epreuve : List.of("E1", "E3", "E6")) {
            juries.apiEvaluationsV1SessionsIdCommissionsPost(session,
                    new NewCommission().code("COM-" + epreuve).epreuve(epreuve).members(List.of(JURY)));
            juries.apiEvaluationsV1SessionsIdCommissionsCodeCandidatesPut("COM-" + epreuve, session,
                    new Assignment().candidates(List.of(number)));
        }
        JsonNode graded = json(new GradesApi(clientOf(JURY)).apiEvaluationsV1SessionsIdGradesPost(session, new Batch().grades(List.of(
                mark(number, "E1", "11"), mark(number, "E3", "8"), mark(number, "E6", "12.5"))), run + "-grades"));
        assertEquals(3, graded.path("created").asInt(), () -> "grade batch: " + graded);

        // deliberation and seal by the president, publication by the rectorat
        ApiClient president = clientOf(PRESIDENT);
        transition(president, session, SessionStatus.DELIBERATION);
        JsonNode sealed = json(new DeliberationsApi(president).apiEvaluationsV1SessionsIdDeliberationsSealPost(session,
                new Seal().reason("Délibération du jury, session " + year)));
        assertEquals(1, sealed.path("revision").asInt());
        assertEquals("PUBLISHED", transition(rectorat, session, SessionStatus.PUBLISHED).path("status").asText());

        // the published transcript, as the rectorat and as the candidate read it
        CandidateResult transcript = transcript(rectorat, session, number);
        assertEquals(number, transcript.getCandidate());
        assertEquals(Decision.SANS_DECISION_PROGRESSIVE, transcript.getResult().getDecision(), "no diploma decision in forme progressive");
        assertTrue(unit(transcript, "E1").getAcquise(), "E1 at 11/20 is acquired");
        assertFalse(unit(transcript, "E3").getAcquise(), "E3 at 8/20 is not");
        assertTrue(unit(transcript, "E6").getAcquise(), "E6 at 12.5/20 is acquired");
        assertFalse(transcript.getResult().getLignes().isEmpty(), "a result explains itself");
        assertEquals(transcript.getResult(), transcript(clientOf(CANDIDATE), session, number).getResult(),
                "the candidate reads the sealed result");
    }

    // ---- the flow's steps that need more than one call -----------------------------------------------------------

    private static int firstUnusedSessionYear(ApiClient rectorat) throws ApiException {
        Set<Integer> samYears = new HashSet<>();
        json(new SessionsApi(rectorat).apiEvaluationsV1SessionsGet(null, "500")).path("items").forEach(s -> {
            if (SAM.equals(s.path("certification").asText())) {
                samYears.add(s.path("year").asInt());
            }
        });
        DossiersApi dossiers = new DossiersApi(rectorat);
        for (int y = 2026; y <= 2100; y++) {
            long registered = json(dossiers.apiDossiersV1DossiersGet(null, SAM, null, Integer.toString(y), null, null))
                    .path("totalItems").asLong();
            if (registered == 0 && !samYears.contains(y)) {
                return y;
            }
        }
        throw new AssertionError("no free session year between 2026 and 2100");
    }

    private static JsonNode transition(ApiClient client, UUID session, SessionStatus to) throws ApiException {
        SessionsApi sessions = new SessionsApi(client);
        String etag = etag(sessions.apiEvaluationsV1SessionsIdGetWithHttpInfo(session, null));
        JsonNode moved = json(sessions.apiEvaluationsV1SessionsIdTransitionsPost(session, new Transition().to(to), etag));
        assertEquals(to.getValue(), moved.path("status").asText());
        return moved;
    }

    private static CandidateResult transcript(ApiClient client, UUID session, String number) throws ApiException {
        Object answer = new CandidatesAndResultsApi(client).apiEvaluationsV1SessionsIdCandidatesCandidateTranscriptGet(number, session);
        return MAPPER.convertValue(answer, CandidateResult.class);
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    /** A generated client that calls the gateway, with a real Keycloak token of the user (none for null). */
    private static ApiClient clientOf(String user) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Stack.GATEWAY);
        if (user != null) {
            String token = Stack.userToken(user);
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static RegistrationInput registration(int year, int version, String number) {
        return new RegistrationInput().session(Integer.toString(year)).certification(SAM).referentialVersion(version)
                .candidateNumber(number).lastName("Moreau").firstName("Nadia").birthDate(LocalDate.of(1990, 6, 12))
                .email(CANDIDATE + "@example.org").account(CANDIDATE)
                .categorie(CategorieCandidat.CAT_C).voie("FORMATION_CONTINUE").forme(FormeInscription.PROGRESSIVE)
                .unites(List.of("U1", "U3", "U6"));
    }

    private static Person person(String account, String name, QualiteJure qualite) {
        return new Person().account(account).name(name).qualite(qualite);
    }

    private static BatchItem mark(String candidate, String epreuve, String note) {
        return new BatchItem().candidate(candidate).epreuve(epreuve).statut(StatutNote.NOTE).note(new BigDecimal(note));
    }

    private static ResultatUnite unit(CandidateResult transcript, String epreuve) {
        return transcript.getResult().getUnites().stream().filter(u -> epreuve.equals(u.getEpreuve())).findFirst()
                .orElseThrow(() -> new AssertionError("no unit result for " + epreuve + " in " + transcript));
    }

    private static String etag(ApiResponse<?> response) {
        return response.getHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("ETag"))
                .map(h -> h.getValue().get(0)).findFirst()
                .orElseThrow(() -> new AssertionError("no ETag in " + response.getHeaders()));
    }

    private static JsonNode json(Object answer) {
        return MAPPER.valueToTree(answer);
    }
}
