package fr.bts.dossier;

import fr.bts.commons.http.ETags;
import fr.bts.devstack.MongoTestResource;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static fr.bts.dossier.Fixtures.JURY;
import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.RECTORAT_LYON;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.candidate;
import static fr.bts.dossier.Fixtures.gpme;
import static fr.bts.dossier.Fixtures.register;
import static fr.bts.dossier.Fixtures.sam;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Every read agrees with the registration snapshot about the deadline: a DRAFT dossier past its campaign's deadline
 * reads as ABSENT (NV for SAM E4/E5, not for GPME E4) with the deadline it missed, for the candidate, the rectorat,
 * in lists and in the snapshot the jury president reads; ETags change with it; moving the deadline later brings the
 * DRAFT back, since nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class DeadlineReadsResourceTest {

    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";
    private static final String RECTORAT_API = TestTokens.token("service-account-rectorat-versailles-api", "versailles", "rectorat");

    private static void deadline(String session, String certification, Instant at) {
        as(RECTORAT).contentType("application/json").body(Map.of("dossierDeadline", at.toString()))
                .put("/api/dossiers/v1/campaigns/" + session + "/" + certification).then().statusCode(200);
    }

    private static JsonPath file(String token, String id) {
        return as(token).get(DOSSIERS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The snapshot's {epreuve, dossier, nv} of one registration, as the evaluation service gets them. */
    private static List<Map<String, Object>> snapshotEpreuves(String token, String session, String certification, String id) {
        return as(token).get("/api/dossiers/v1/snapshots/" + session + "/" + certification).then().statusCode(200)
                .extract().jsonPath().getList("candidates.find { it.registrationId == '" + id + "' }.epreuves");
    }

    /** The same triples from a read of the file. */
    private static List<Map<String, Object>> readEpreuves(JsonPath file) {
        List<String> epreuves = file.getList("dossiers.epreuve");
        List<String> statuses = file.getList("dossiers.status");
        List<Boolean> nvs = file.getList("dossiers.nv");
        return java.util.stream.IntStream.range(0, epreuves.size())
                .mapToObj(i -> Map.<String, Object>of("epreuve", epreuves.get(i), "dossier", statuses.get(i), "nv", nvs.get(i)))
                .toList();
    }

    @Test
    void aDraftSamDossierReadsAbsentAndNvForEveryReaderOnceTheDeadlineHasPassedAndDraftAgainWhenItMovesLater() {
        String id = register(sam("2061", "VER-2061-00001", "cand-da"));
        String other = register(sam("2061", "VER-2061-00002", "cand-db"));
        deadline("2061", "BTS-SAM", Instant.now().plus(1, ChronoUnit.DAYS));
        as(candidate("cand-db")).header("If-Match", "\"v1\"").post(DOSSIERS + "/" + other + "/epreuves/E4/submit").then().statusCode(200);

        // before the deadline: DRAFT everywhere, the ETag is the stored version's
        // RestAssured asks for gzip: a read answered gzipped has the tag of that coding (issue 12)
        as(candidate("cand-da")).get(DOSSIERS + "/" + id).then().statusCode(200).header("ETag", equalTo("\"v1-gzip\""))
                .body("dossiers.status", contains("DRAFT", "DRAFT"))
                .body("dossiers.nv", contains(false, false))
                .body("dossiers.deadline", contains(nullValue(), nullValue()));
        assertEquals(List.of(Map.of("epreuve", "E4", "dossier", "DRAFT", "nv", false), Map.of("epreuve", "E5", "dossier", "DRAFT", "nv", false)),
                snapshotEpreuves(RECTORAT, "2061", "BTS-SAM", id));

        Instant missed = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        deadline("2061", "BTS-SAM", missed);

        // the candidate and the rectorat read the same ABSENT, NV, missed deadline, under the same new ETag
        String shownTag = as(candidate("cand-da")).header("If-None-Match", "\"v1-gzip\"").get(DOSSIERS + "/" + id)
                .then().statusCode(200)
                .header("ETag", startsWith("\"v1-"))
                .body("dossiers.status", contains("ABSENT", "ABSENT"))
                .body("dossiers.nv", contains(true, true))
                .body("dossiers.deadline", contains(missed.toString(), missed.toString()))
                .body("history", hasSize(1))
                .extract().header("ETag");
        as(RECTORAT).get(DOSSIERS + "/" + id).then().statusCode(200).header("ETag", equalTo(shownTag))
                .body("dossiers.status", contains("ABSENT", "ABSENT"));
        as(RECTORAT).header("If-None-Match", shownTag).get(DOSSIERS + "/" + id).then().statusCode(304);
        for (String token : List.of(candidate("cand-da"), RECTORAT)) {
            as(token).get(DOSSIERS + "/" + id + "/epreuves/E5").then().statusCode(200)
                    .body("status", equalTo("ABSENT")).body("nv", equalTo(true)).body("deadline", equalTo(missed.toString()));
        }

        // the snapshot (a rectorat user or service account, the only callers) says exactly what the reads say
        List<Map<String, Object>> read = readEpreuves(file(RECTORAT, id));
        assertEquals(read, snapshotEpreuves(RECTORAT, "2061", "BTS-SAM", id));
        assertEquals(read, snapshotEpreuves(RECTORAT_API, "2061", "BTS-SAM", id));
        assertEquals(readEpreuves(file(RECTORAT, other)), snapshotEpreuves(RECTORAT_API, "2061", "BTS-SAM", other));

        // a dossier submitted before the deadline is untouched
        assertEquals(List.of("SUBMITTED", "ABSENT"), file(candidate("cand-db"), other).getList("dossiers.status"));
        as(candidate("cand-db")).get(DOSSIERS + "/" + other + "/epreuves/E4").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("nv", equalTo(false)).body("deadline", nullValue());

        // lists agree; the only status filter is the registration's, which the deadline does not touch
        as(RECTORAT).queryParam("session", "2061").queryParam("status", "DRAFT").get(DOSSIERS).then().statusCode(200)
                .body("items.id", contains(id, other))
                .body("items[0].dossiers.status", contains("ABSENT", "ABSENT"))
                .body("items[0].dossiers.nv", contains(true, true))
                .body("items[0].dossiers.deadline", contains(missed.toString(), missed.toString()))
                .body("items[1].dossiers.status", contains("SUBMITTED", "ABSENT"))
                .body("items[1].dossiers.nv", contains(false, true));
        as(candidate("cand-da")).get(DOSSIERS).then().statusCode(200)
                .body("items.id", contains(id)).body("items[0].dossiers.status", contains("ABSENT", "ABSENT"));

        // another académie still sees nothing; a jury member still reads no file
        as(RECTORAT_LYON).get(DOSSIERS + "/" + id).then().statusCode(404);
        as(RECTORAT_LYON).get(DOSSIERS + "/" + id + "/epreuves/E4").then().statusCode(404);
        as(RECTORAT_LYON).queryParam("session", "2061").get(DOSSIERS).then().statusCode(200).body("items", hasSize(0));
        as(JURY).get(DOSSIERS + "/" + id).then().statusCode(403);

        // nothing was stored: moving the deadline later brings DRAFT and the old ETag back, with no history entry
        deadline("2061", "BTS-SAM", Instant.now().plus(1, ChronoUnit.DAYS));
        as(candidate("cand-da")).header("If-None-Match", shownTag).get(DOSSIERS + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"v1-gzip\""))
                .body("dossiers.status", contains("DRAFT", "DRAFT"))
                .body("dossiers.nv", contains(false, false))
                .body("history", hasSize(1));
        assertEquals(readEpreuves(file(RECTORAT, id)), snapshotEpreuves(RECTORAT, "2061", "BTS-SAM", id));
    }

    @Test
    void aMissingGpmeDossierIsAbsentButNotNvSinceItsShortfallsArePenalties() {
        String id = register(gpme("2062", "VER-2062-00001", "cand-dc"));
        Instant missed = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        deadline("2062", "BTS-GPME", missed);
        as(candidate("cand-dc")).get(DOSSIERS + "/" + id).then().statusCode(200)
                .body("dossiers.epreuve", contains("E4"))
                .body("dossiers.status", contains("ABSENT"))
                .body("dossiers.nv", contains(false))
                .body("dossiers.deadline", contains(missed.toString()));
        assertEquals(readEpreuves(file(RECTORAT, id)), snapshotEpreuves(RECTORAT_API, "2062", "BTS-GPME", id));
    }

    @Test
    void writesAfterTheDeadlineAnswerWhatIsShownAndAcceptTheShownTag() {
        String id = register(sam("2063", "VER-2063-00001", "cand-dd"));
        deadline("2063", "BTS-SAM", Instant.now().minusSeconds(60));
        String shownTag = as(RECTORAT).get(DOSSIERS + "/" + id).then().statusCode(200).extract().header("ETag");
        assertNotEquals("\"v1\"", shownTag);

        // the candidate meets the deadline, not a precondition failure, whichever tag they hold
        for (String tag : List.of(shownTag, "\"v1\"")) {
            as(candidate("cand-dd")).header("If-Match", tag).post(DOSSIERS + "/" + id + "/epreuves/E4/submit")
                    .then().statusCode(409).body("type", equalTo("urn:bts:problem:dossier-deadline-passed"));
        }
        // a registration write with the shown tag works and answers the file as shown, under its new tag
        String next = as(RECTORAT).header("If-Match", shownTag).post(DOSSIERS + "/" + id + "/registration/submit")
                .then().statusCode(200)
                .header("ETag", startsWith("\"v2-"))
                .body("status", equalTo("SUBMITTED"))
                .body("dossiers.status", contains("ABSENT", "ABSENT"))
                .extract().header("ETag");
        // the write answers the stored state's tag; a read of that state (gzipped for RestAssured) shows the same tag coded
        assertEquals(ETags.codedHeader(next, "gzip"),
                as(RECTORAT).get(DOSSIERS + "/" + id).then().statusCode(200).extract().header("ETag"));
        // a tag of an older version is still a 412; an absent dossier has nothing to decide on
        as(RECTORAT).header("If-Match", shownTag).post(DOSSIERS + "/" + id + "/registration/validate").then().statusCode(412);
        as(RECTORAT).header("If-Match", next).contentType("application/json").body(Map.of("decision", "CONFORME", "reason", "x"))
                .post(DOSSIERS + "/" + id + "/epreuves/E4/decision").then().statusCode(409);
        // the stored document never says ABSENT: the history has only the people's transitions
        as(RECTORAT).get(DOSSIERS + "/" + id).then().statusCode(200)
                .body("history.by", contains("rectorat-versailles", "rectorat-versailles"))
                .body("history.to", not(org.hamcrest.Matchers.hasItem("ABSENT")));
    }
}
