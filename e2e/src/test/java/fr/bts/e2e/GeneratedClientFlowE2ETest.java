package fr.bts.e2e;

import fr.bts.e2e.client.ApiClient;
import fr.bts.e2e.client.ApiException;
import fr.bts.e2e.client.ApiResponse;
import fr.bts.e2e.client.api.CampaignsApi;
import fr.bts.e2e.client.api.CandidatesAndResultsApi;
import fr.bts.e2e.client.api.CertificationsApi;
import fr.bts.e2e.client.api.DeliberationsApi;
import fr.bts.e2e.client.api.DossiersApi;
import fr.bts.e2e.client.api.ImportsApi;
import fr.bts.e2e.client.api.GradesApi;
import fr.bts.e2e.client.api.JuriesAndCommissionsApi;
import fr.bts.e2e.client.api.SessionsApi;
import fr.bts.e2e.client.model.Assignment;
import fr.bts.e2e.client.model.Batch;
import fr.bts.e2e.client.model.BatchOutcome;
import fr.bts.e2e.client.model.BatchItem;
import fr.bts.e2e.client.model.CampaignInput;
import fr.bts.e2e.client.model.CategorieCandidat;
import fr.bts.e2e.client.model.Decision;
import fr.bts.e2e.client.model.DossierCandidat;
import fr.bts.e2e.client.model.FormeInscription;
import fr.bts.e2e.client.model.ImportReport;
import fr.bts.e2e.client.model.Jury;
import fr.bts.e2e.client.model.NewCommission;
import fr.bts.e2e.client.model.OpenSession;
import fr.bts.e2e.client.model.Person;
import fr.bts.e2e.client.model.QualiteJure;
import fr.bts.e2e.client.model.RegistrationInput;
import fr.bts.e2e.client.model.ResultatUnite;
import fr.bts.e2e.client.model.RevisionView;
import fr.bts.e2e.client.model.Seal;
import fr.bts.e2e.client.model.SessionStatus;
import fr.bts.e2e.client.model.SessionView;
import fr.bts.e2e.client.model.StatutInscription;
import fr.bts.e2e.client.model.StatutNote;
import fr.bts.e2e.client.model.Transcript;
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
 * (units U1, U3, U6, no professional dossier), in the first session year no earlier run used. Every call and every
 * answer is typed by the document (operationIds and schemas): no JSON is read by hand.
 */
class GeneratedClientFlowE2ETest {

    private static final String SAM = "BTS-SAM";
    private static final String RECTORAT = "rectorat-versailles";
    private static final String JURY = "jury-versailles";
    private static final String PRESIDENT = "president-versailles";
    private static final String CANDIDATE = "candidat-versailles-2";

    private final String run = UUID.randomUUID().toString();

    @Test
    void registrationImportToPublishedTranscriptWithTheGeneratedClientOnly() throws Exception {
        ApiClient rectorat = clientOf(RECTORAT);
        Integer version = new CertificationsApi(clientOf(null)).getCertification(SAM).getCurrentVersion();
        assertNotNull(version, "BTS-SAM has a published version");
        int year = firstUnusedSessionYear(rectorat);
        String number = "VER-" + year + "-10001";

        // dossier campaign, import of one registration (retried with the same key: the first report again), validation
        CampaignsApi campaigns = new CampaignsApi(rectorat);
        campaigns.setCampaign(SAM, Integer.toString(year),
                new CampaignInput().dossierDeadline(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)));
        DossiersApi dossiers = new DossiersApi(rectorat);
        ImportsApi imports = new ImportsApi(rectorat);
        ImportReport report = imports.importRegistrations(List.of(registration(year, version, number)), run + "-import");
        assertEquals(1, report.getCreated(), () -> "import report: " + report);
        assertEquals(0, report.getRejected(), () -> "import report: " + report);
        assertEquals(report, imports.importRegistrations(List.of(registration(year, version, number)), run + "-import"),
                "a retried import replays its first report");
        String fileId = report.getRows().get(0).getId();

        ApiResponse<DossierCandidat> submitted = dossiers.submitRegistrationWithHttpInfo(fileId, run + "-submit",
                etag(dossiers.getDossierWithHttpInfo(fileId, null)));
        assertEquals(StatutInscription.VALIDATED, dossiers.validateRegistration(fileId, etag(submitted)).getStatus());
        campaigns.setCampaign(SAM, Integer.toString(year),
                new CampaignInput().dossierDeadline(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5)));

        // evaluation session, jury, commissions, grading
        SessionsApi sessions = new SessionsApi(rectorat);
        SessionView opened = sessions.openSession(new OpenSession()
                .certification(SAM).referentialVersion(Integer.toString(version)).year(year));
        assertEquals(SessionStatus.OPEN, opened.getStatus());
        UUID session = opened.getId();
        JuriesAndCommissionsApi juries = new JuriesAndCommissionsApi(rectorat);
        juries.appointJury(session, new Jury()
                .president(person(PRESIDENT, "Pr. Claire Dubois", QualiteJure.ENSEIGNANT_CHERCHEUR))
                .members(List.of(person(JURY, "Marc Lefèvre", QualiteJure.PROFESSEUR_PUBLIC),
                        person("ec-versailles-generated", "Dr. Anne Roussel", QualiteJure.ENSEIGNANT_CHERCHEUR),
                        person("pro-versailles-generated-1", "Sophie Garnier", QualiteJure.PROFESSIONNEL_EMPLOYEUR),
                        person("pro-versailles-generated-2", "Karim Benali", QualiteJure.PROFESSIONNEL_SALARIE))));
        transition(rectorat, session, SessionStatus.GRADING);
        for (String epreuve : List.of("E1", "E3", "E6")) {
            juries.createCommission(session,
                    new NewCommission().code("COM-" + epreuve).epreuve(epreuve).members(List.of(JURY)));
            juries.assignCommissionCandidates("COM-" + epreuve, session,
                    new Assignment().candidates(List.of(number)));
        }
        BatchOutcome graded = new GradesApi(clientOf(JURY)).submitGradeBatch(session, new Batch().grades(List.of(
                mark(number, "E1", "11"), mark(number, "E3", "8"), mark(number, "E6", "12.5"))), run + "-grades");
        assertEquals(3, graded.getCreated(), () -> "grade batch: " + graded);

        // deliberation and seal by the president, publication by the rectorat
        ApiClient president = clientOf(PRESIDENT);
        transition(president, session, SessionStatus.DELIBERATION);
        RevisionView sealed = new DeliberationsApi(president).sealDeliberation(session,
                new Seal().reason("Délibération du jury, session " + year));
        assertEquals(1, sealed.getRevision());
        assertEquals(SessionStatus.PUBLISHED, transition(rectorat, session, SessionStatus.PUBLISHED).getStatus());

        // the published transcript, as the rectorat and as the candidate read it
        Transcript transcript = transcript(rectorat, session, number);
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
        new SessionsApi(rectorat).listSessions(null, "500").getItems().forEach(s -> {
            if (SAM.equals(s.getCertification())) {
                samYears.add(s.getYear());
            }
        });
        DossiersApi dossiers = new DossiersApi(rectorat);
        for (int y = 2026; y <= 2100; y++) {
            long registered = dossiers.listDossiers(null, SAM, null, Integer.toString(y), null, null).getTotalItems();
            if (registered == 0 && !samYears.contains(y)) {
                return y;
            }
        }
        throw new AssertionError("no free session year between 2026 and 2100");
    }

    private static SessionView transition(ApiClient client, UUID session, SessionStatus to) throws ApiException {
        SessionsApi sessions = new SessionsApi(client);
        String etag = etag(sessions.getSessionWithHttpInfo(session, null));
        SessionView moved = sessions.transitionSession(session, new Transition().to(to), etag);
        assertEquals(to, moved.getStatus());
        return moved;
    }

    private static Transcript transcript(ApiClient client, UUID session, String number) throws ApiException {
        return new CandidatesAndResultsApi(client).getTranscript(number, session);
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

    private static ResultatUnite unit(Transcript transcript, String epreuve) {
        return transcript.getResult().getUnites().stream().filter(u -> epreuve.equals(u.getEpreuve())).findFirst()
                .orElseThrow(() -> new AssertionError("no unit result for " + epreuve + " in " + transcript));
    }

    private static String etag(ApiResponse<?> response) {
        return response.getHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("ETag"))
                .map(h -> h.getValue().get(0)).findFirst()
                .orElseThrow(() -> new AssertionError("no ETag in " + response.getHeaders()));
    }
}
