package fr.bts.dossier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fr.bts.devstack.MongoTestResource;
import fr.bts.dossier.service.IdempotencyWiring;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.candidate;
import static fr.bts.dossier.Fixtures.register;
import static fr.bts.dossier.Fixtures.sam;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Retries of a submit converge (issue 10, "retries converge"): a submit whose worker stored the new version and died
 * before its answer was recorded is answered by the same-key retry, once the lease ran out, with what the first run
 * answered — 200, the same body, the same ETag — and the file stays written once; after someone else's write the
 * retry does not pretend (412). The crash is reproduced as it happens: the dead worker's write is a real submit under
 * the key (the same code path, the same run), and its record is put back in progress under an expired lease, without
 * its answer.
 */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class SubmitCrashResourceTest {

    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";

    @Inject
    MongoClient mongo;

    private MongoCollection<Document> records() {
        return mongo.getDatabase("dossiers").getCollection(IdempotencyWiring.COLLECTION);
    }

    private Document stored(String id) {
        return mongo.getDatabase("dossiers").getCollection("dossiers").find(Filters.eq("_id", id)).first();
    }

    /** The worker of the key died after its write: its record is in progress again, without answer, its lease over. */
    private void killedAfterTheWrite(String subject, String key, boolean leaseOver) {
        long updated = records().updateOne(Filters.eq("_id", "versailles/sub-" + subject + "/" + key), Updates.combine(
                Updates.unset("status"), Updates.unset("headers"), Updates.unset("body"), Updates.set("owner", "killed-worker"),
                Updates.set("leaseUntil", Date.from(leaseOver ? Instant.now().minusSeconds(1) : Instant.now().plusSeconds(30)))))
                .getModifiedCount();
        assertEquals(1, updated, "the key's record exists");
    }

    private static Response submitRegistration(String id, String key, String ifMatch) {
        return as(RECTORAT).header("Idempotency-Key", key).header("If-Match", ifMatch).post(DOSSIERS + "/" + id + "/registration/submit");
    }

    /** Registers {@code body}, submits it under {@code key} and kills that submit's worker after its write. */
    private String submittedThenCrashed(Map<String, Object> body, String key) {
        String id = register(body);
        submitRegistration(id, key, "\"v1\"").then().statusCode(200);
        killedAfterTheWrite("rectorat-versailles", key, true);
        return id;
    }

    private static Response submitDossier(String account, String id, String epreuve, String key, String ifMatch) {
        return as(candidate(account)).header("Idempotency-Key", key).header("If-Match", ifMatch)
                .post(DOSSIERS + "/" + id + "/epreuves/" + epreuve + "/submit");
    }

    @Test
    void aRegistrationSubmitWhoseWorkerDiedAfterTheWriteIsAnsweredByTheTakeoverAsTheFirstRunAnswered() {
        String id = register(sam("2095", "VER-2095-00001", "cand-sc1"));
        Response first = submitRegistration(id, "submit-crash-1", "\"v1\"");
        first.then().statusCode(200).header("ETag", "\"v2\"").body("status", equalTo("SUBMITTED"));
        killedAfterTheWrite("rectorat-versailles", "submit-crash-1", false);

        // while the lease lives, the retry is told to come back
        submitRegistration(id, "submit-crash-1", "\"v1\"").then().statusCode(409)
                .body("type", equalTo("urn:bts:problem:idempotency-key-in-progress"));

        killedAfterTheWrite("rectorat-versailles", "submit-crash-1", true);
        Response retry = submitRegistration(id, "submit-crash-1", "\"v1\"");
        retry.then().statusCode(200).contentType("application/json").header("ETag", equalTo(first.header("ETag")));
        assertEquals(first.asString(), retry.asString(), "the answer of the uncrashed run, byte for byte");
        // written once: one version more, one transition
        assertEquals(2L, stored(id).getLong("version"));
        // RestAssured asks for gzip: a read answered gzipped has the tag of that coding (issue 12)
        List<String> to = as(RECTORAT).get(DOSSIERS + "/" + id).then().statusCode(200).header("ETag", "\"v2-gzip\"")
                .body("$", not(hasKey("versionRun"))).extract().path("history.to");
        assertEquals(List.of("DRAFT", "SUBMITTED"), to);
        // from now on it is the key's answer
        assertEquals(first.asString(), submitRegistration(id, "submit-crash-1", "\"v1\"").then().statusCode(200).extract().asString());
        // a request without the key, with the same stale If-Match, is still refused
        as(RECTORAT).header("If-Match", "\"v1\"").post(DOSSIERS + "/" + id + "/registration/submit").then().statusCode(412);
    }

    @Test
    void aDossierSubmitWhoseWorkerDiedAfterTheWriteIsAnsweredByTheTakeoverAsTheFirstRunAnswered() {
        String id = register(sam("2096", "VER-2096-00001", "cand-sc2"));
        Response first = submitDossier("cand-sc2", id, "E4", "e4-crash-2", "\"v1\"");
        first.then().statusCode(200).header("ETag", "\"v2\"").body("dossiers.find { it.epreuve == 'E4' }.status", equalTo("SUBMITTED"));
        killedAfterTheWrite("cand-sc2", "e4-crash-2", true);

        Response retry = submitDossier("cand-sc2", id, "E4", "e4-crash-2", "\"v1\"");
        retry.then().statusCode(200).header("ETag", equalTo(first.header("ETag")));
        assertEquals(first.asString(), retry.asString());
        assertEquals(2L, stored(id).getLong("version"));
        assertEquals(List.of("SUBMITTED"),
                as(RECTORAT).get(DOSSIERS + "/" + id).then().extract().<List<String>>path("history.findAll { it.target == 'E4' }.to"),
                "the dossier submitted once");
    }

    @Test
    void aWildcardIfMatchRetryIsAnsweredTooNotToldTheDossierIsNoLongerADraft() {
        String id = register(sam("2097", "VER-2097-00001", "cand-sc3"));
        Response first = submitDossier("cand-sc3", id, "E5", "e5-crash-3", "*");
        first.then().statusCode(200).header("ETag", "\"v2\"");
        killedAfterTheWrite("cand-sc3", "e5-crash-3", true);

        Response retry = submitDossier("cand-sc3", id, "E5", "e5-crash-3", "*");
        retry.then().statusCode(200).header("ETag", "\"v2\"");
        assertEquals(first.asString(), retry.asString());
        assertEquals(2L, stored(id).getLong("version"));
    }

    @Test
    void afterAnotherWriteTheRetryOfACrashedSubmitDoesNotPretend() {
        // the registration was submitted, then validated by the rectorat, before the retry came
        String validated = submittedThenCrashed(sam("2098", "VER-2098-00001", "cand-sc4"), "submit-crash-4");
        as(RECTORAT).header("If-Match", "\"v2\"").post(DOSSIERS + "/" + validated + "/registration/validate").then().statusCode(200);
        assertNull(stored(validated).get("versionRun"), "a write of nobody's submit clears the marker");
        submitRegistration(validated, "submit-crash-4", "\"v1\"").then().statusCode(412)
                .body("type", equalTo("urn:bts:problem:precondition-failed"));
        assertEquals(3L, stored(validated).getLong("version"));

        // a change that keeps the status (an update of the submitted registration)
        Map<String, Object> body = sam("2098", "VER-2098-00002", "cand-sc5");
        String updated = submittedThenCrashed(body, "submit-crash-5");
        body.put("lastName", "Martin-Durand");
        as(RECTORAT).header("If-Match", "\"v2\"").contentType("application/json").body(body).put(DOSSIERS + "/" + updated + "/registration")
                .then().statusCode(200).header("ETag", "\"v3\"");
        submitRegistration(updated, "submit-crash-5", "\"v1\"").then().statusCode(412);

        // another submit of the same file (another épreuve, another key) replaces the marker; an attachment clears it
        String other = register(sam("2098", "VER-2098-00003", "cand-sc6"));
        submitDossier("cand-sc6", other, "E4", "e4-crash-6", "\"v1\"").then().statusCode(200);
        killedAfterTheWrite("cand-sc6", "e4-crash-6", true);
        submitDossier("cand-sc6", other, "E5", "e5-other-6", "\"v2\"").then().statusCode(200).header("ETag", "\"v3\"");
        submitDossier("cand-sc6", other, "E4", "e4-crash-6", "\"v1\"").then().statusCode(412);
        assertEquals(3L, stored(other).getLong("version"));

        String attached = register(sam("2098", "VER-2098-00004", "cand-sc7"));
        submitDossier("cand-sc7", attached, "E4", "e4-crash-7", "\"v1\"").then().statusCode(200);
        killedAfterTheWrite("cand-sc7", "e4-crash-7", true);
        as(candidate("cand-sc7")).contentType("application/pdf").body("%PDF-1.7 piece".getBytes())
                .queryParam("epreuve", "E5").queryParam("fileName", "piece.pdf")
                .post(DOSSIERS + "/" + attached + "/attachments").then().statusCode(201);
        assertNull(stored(attached).get("versionRun"));
        submitDossier("cand-sc7", attached, "E4", "e4-crash-7", "\"v1\"").then().statusCode(412);
        assertEquals(3L, stored(attached).getLong("version"));

        // an import that changes the submitted registration clears it too
        Map<String, Object> imported = sam("2098", "VER-2098-00005", "cand-sc8");
        String reimported = submittedThenCrashed(imported, "submit-crash-8");
        imported.put("lastName", "Importé");
        as(RECTORAT).contentType("application/json").body(List.of(imported)).post("/api/dossiers/v1/imports")
                .then().statusCode(200).body("updated", equalTo(1));
        assertNull(stored(reimported).get("versionRun"));
        submitRegistration(reimported, "submit-crash-8", "\"v1\"").then().statusCode(412);
        assertEquals(3L, stored(reimported).getLong("version"));
    }
}
