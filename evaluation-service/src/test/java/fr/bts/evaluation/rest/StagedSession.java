package fr.bts.evaluation.rest;

import fr.bts.devstack.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/**
 * A fresh SAM 2026 session of its own académie, brought through the real API to a named {@link Stage}, so that each
 * test starts from the stage it needs with data no other test touches. The académie ({@code versailles-<n>}) is new
 * for every instance: its lists, audit chain and idempotency keys hold only what this session's tests did. Its
 * dossier snapshot is the versailles 2026 one of the fixtures, answered for this académie's rectorat token only
 * ({@link DownstreamWireMock#snapshotFor}). The candidates are {@link #C1}…{@link #C4} of that snapshot; the jury is
 * {@link #jury()}.
 */
final class StagedSession {

    static final String SESSIONS = "/api/evaluations/v1/sessions";
    static final String C1 = "VER-2026-00001";
    static final String C2 = "VER-2026-00002";
    static final String C3 = "VER-2026-00003";
    static final String C4 = "VER-2026-00004";

    private static final AtomicInteger ACADEMIES = new AtomicInteger();

    /** The stages of a session in the order the API reaches them; each includes those before it. */
    enum Stage {
        /** Opened by the rectorat (SAM version 1, 2026), ETag v0. */
        CREATED,
        /** {@link #jury()} named. */
        JURY_COMPOSED,
        /** Moved to GRADING: the registration snapshot taken (ETag v1). */
        GRADING,
        /** The commissions C-E1…C-EF1 of ec-1 and pro-1, and C-E4 of prof-1 and pro-2, each with the candidates sitting it. */
        COMMISSIONS_FORMED,
        /**
         * Every grade but C4's E6: C4/E1 11 then 12 (version 1), ec-1's batch {@code batch-1} of {@link #EC1_BATCH},
         * C1/E21 corrected to 14.5 (batch {@code batch-6}), prof-1's E4 batch {@code e4-1} (C1 9.5, C2 15, C3 12, C4 12).
         */
        GRADES_ENTERED,
        /** The president adjusted C1/E4 to 10, C4 was absent at E6, and the deliberation sealed as revision 1. */
        SEALED,
        /** Published by the rectorat. */
        PUBLISHED,
        /** Revision 2: C4's E6 corrected to ABSENT_JUSTIFIE ("certificat médical reçu après le jury"). */
        REVISED
    }

    /** The épreuves each candidate of the snapshot sits, by the commission of ec-1 and pro-1 that grades them. */
    static final Map<String, List<String>> SITTING = sitting();

    /** ec-1's first batch: every grade of their commissions but C4/E1 (graded alone) and C4/E6 (left missing). */
    static final List<Map<String, Object>> EC1_BATCH = List.of(
            item(C1, "E21", 14), item(C1, "E22", 8), item(C1, "E5", 11), item(C1, "E6", 10), item(C1, "EF1", 16),
            item(C2, "E1", 15), item(C2, "E21", 15), item(C2, "E22", 15), item(C2, "E3", 15), item(C2, "E6", 15),
            item(C3, "E5", 13), item(C3, "E6", 14),
            item(C4, "E21", 12), item(C4, "E22", 12), item(C4, "E3", 12), item(C4, "E5", 12));

    final String academie;
    final String rectorat;
    final String president;
    final String otherPresident;
    final String ec1;
    final String prof1;
    final String candidate1;
    final String candidate2;
    private String id;
    private Stage stage;

    private StagedSession(String academie) {
        this.academie = academie;
        rectorat = TestTokens.token("rectorat-" + academie, academie, "rectorat");
        president = TestTokens.token("pres-versailles", academie, "jury-president");
        otherPresident = TestTokens.token("pres-autre", academie, "jury-president");
        ec1 = TestTokens.token("ec-1", academie, "jury-member");
        prof1 = TestTokens.token("prof-1", academie, "jury-member");
        candidate1 = TestTokens.token("candidat-versailles", academie, "candidate");
        candidate2 = TestTokens.token("candidat-2", academie, "candidate");
    }

    /** A new académie with no session yet, its dossier snapshots stubbed for its rectorat. */
    static StagedSession none() {
        StagedSession s = new StagedSession("versailles-" + ACADEMIES.incrementAndGet());
        DownstreamWireMock.snapshotFor(s.rectorat, 2026, "BTS-SAM", "snapshot-sam-2026.json", s.academie);
        DownstreamWireMock.snapshotFor(s.rectorat, 2026, "BTS-GPME", "snapshot-gpme-2026.json", s.academie);
        return s;
    }

    /** A session of a new académie brought to {@code stage}. */
    static StagedSession at(Stage stage) {
        return none().to(stage);
    }

    /** The session id (the session must have been created). */
    String id() {
        if (id == null) {
            throw new IllegalStateException("no session created yet");
        }
        return id;
    }

    String path() {
        return SESSIONS + "/" + id();
    }

    String grades() {
        return path() + "/grades";
    }

    /** Brings the session from its current stage through every later one up to {@code target}. */
    StagedSession to(Stage target) {
        for (Stage next : Stage.values()) {
            if ((stage == null || next.compareTo(stage) > 0) && next.compareTo(target) <= 0) {
                enter(next);
                stage = next;
            }
        }
        return this;
    }

    private void enter(Stage next) {
        switch (next) {
            case CREATED -> id = as(rectorat).body(Map.of("certification", "BTS-SAM", "referentialVersion", "1", "year", 2026))
                    .post(SESSIONS).then().statusCode(201).extract().path("id");
            case JURY_COMPOSED -> as(rectorat).body(jury()).put(path() + "/jury").then().statusCode(200);
            case GRADING -> as(rectorat).header("If-Match", "\"v0\"").body(Map.of("to", "GRADING")).post(path() + "/transitions")
                    .then().statusCode(200);
            case COMMISSIONS_FORMED -> formCommissions();
            case GRADES_ENTERED -> enterGrades();
            case SEALED -> seal();
            case PUBLISHED -> publish();
            case REVISED -> as(president).body(Map.of("reason", "certificat médical reçu après le jury", "corrections", List.of(
                            Map.of("candidate", C4, "epreuve", "E6", "grade", Map.of("statut", "ABSENT_JUSTIFIE")))))
                    .post(path() + "/deliberations/revisions").then().statusCode(201).body("revision", is(2));
        }
    }

    private void formCommissions() {
        String url = path() + "/commissions";
        SITTING.forEach((epreuve, candidates) -> {
            as(rectorat).body(Map.of("code", "C-" + epreuve, "epreuve", epreuve, "members", List.of("ec-1", "pro-1")))
                    .post(url).then().statusCode(201);
            as(rectorat).body(Map.of("candidates", candidates)).put(url + "/C-" + epreuve + "/candidates").then().statusCode(200);
        });
        as(rectorat).body(Map.of("code", "C-E4", "epreuve", "E4", "members", List.of("prof-1", "pro-2"))).post(url).then().statusCode(201);
        as(rectorat).body(Map.of("candidates", List.of(C1, C2, C3, C4))).put(url + "/C-E4/candidates").then().statusCode(200);
    }

    private void enterGrades() {
        String c4e1 = grades() + "/" + C4 + "/E1";
        as(ec1).body(Map.of("statut", "NOTE", "note", 11, "grille", Map.of("C1", "maîtrisé"), "commentaire", "bien"))
                .put(c4e1).then().statusCode(201);
        as(ec1).header("If-Match", "\"v0\"").body(Map.of("statut", "NOTE", "note", 12)).put(c4e1).then().statusCode(200);
        as(ec1).header("Idempotency-Key", "batch-1").body(Map.of("grades", EC1_BATCH)).post(grades()).then().statusCode(200)
                .body("created", is(16));
        as(ec1).header("Idempotency-Key", "batch-6")
                .body(Map.of("grades", List.of(Map.of("candidate", C1, "epreuve", "E21", "statut", "NOTE", "note", 14.5, "version", 0))))
                .post(grades()).then().statusCode(200).body("updated", is(1));
        as(prof1).header("Idempotency-Key", "e4-1").body(Map.of("grades", List.of(
                        item(C1, "E4", 9.5), item(C2, "E4", 15), item(C3, "E4", 12), item(C4, "E4", 12))))
                .post(grades()).then().statusCode(200).body("created", is(4));
    }

    private void seal() {
        as(president).body(Map.of("note", 10, "motif", "harmonisation de la commission"))
                .put(path() + "/deliberations/adjustments/" + C1 + "/E4").then().statusCode(200);
        as(ec1).body(Map.of("statut", "ABSENT")).put(grades() + "/" + C4 + "/E6").then().statusCode(201);
        as(president).post(path() + "/deliberations/seal").then().statusCode(201).body("revision", is(1));
    }

    private void publish() {
        String etag = as(rectorat).get(path()).then().statusCode(200).extract().header("ETag");
        as(rectorat).header("If-Match", etag).body(Map.of("to", "PUBLISHED")).post(path() + "/transitions")
                .then().statusCode(200).body("status", is("PUBLISHED"));
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static Map<String, Object> item(String candidate, String epreuve, Object note) {
        return Map.of("candidate", candidate, "epreuve", epreuve, "statut", "NOTE", "note", note);
    }

    static Map<String, Object> person(String account, String qualite) {
        return Map.of("account", account, "name", account, "qualite", qualite);
    }

    /** The jury of every staged session: president pres-versailles, members ec-1, prof-1, pro-1, pro-2. */
    static Map<String, Object> jury() {
        return Map.of("president", person("pres-versailles", "IA_IPR"), "members", List.of(
                person("ec-1", "ENSEIGNANT_CHERCHEUR"), person("prof-1", "PROFESSEUR_PUBLIC"),
                person("pro-1", "PROFESSIONNEL_EMPLOYEUR"), person("pro-2", "PROFESSIONNEL_SALARIE")));
    }

    private static Map<String, List<String>> sitting() {
        Map<String, List<String>> sitting = new LinkedHashMap<>();
        sitting.put("E1", List.of(C2, C4));
        sitting.put("E21", List.of(C1, C2, C4));
        sitting.put("E22", List.of(C1, C2, C4));
        sitting.put("E3", List.of(C2, C4));
        sitting.put("E5", List.of(C1, C3, C4));
        sitting.put("E6", List.of(C1, C2, C3, C4));
        sitting.put("EF1", List.of(C1));
        return Collections.unmodifiableMap(sitting);
    }
}
