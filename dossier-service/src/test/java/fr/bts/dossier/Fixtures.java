package fr.bts.dossier;

import fr.bts.devstack.TestTokens;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Tokens and request bodies shared by the resource tests. */
final class Fixtures {

    static final String RECTORAT = TestTokens.token("rectorat-versailles", "versailles", "rectorat");
    static final String RECTORAT_LYON = TestTokens.token("rectorat-lyon", "lyon", "rectorat");
    static final String JURY = TestTokens.token("jury-versailles", "versailles", "jury-member");

    private Fixtures() {
    }

    static String candidate(String account) {
        return TestTokens.token(account, "versailles", "candidate");
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** A valid SAM registration, forme globale, English and Spanish, U1 dispensed, U3 kept. */
    static Map<String, Object> sam(String session, String number, String account) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("session", session);
        r.put("certification", "BTS-SAM");
        r.put("referentialVersion", 1);
        r.put("candidateNumber", number);
        r.put("ine", "0123456789A");
        identity(r, "Martin", "Léa", "2005-03-01", account);
        path(r, "CAT_A", "ELEVE_ETUDIANT", "GLOBALE");
        r.put("unitesFacultatives", List.of("UF1"));
        r.put("langues", new HashMap<>(Map.of("U21", "ANGLAIS", "U22", "ESPAGNOL", "UF1", "ITALIEN")));
        r.put("dispenses", new ArrayList<>(List.of(Map.of("unite", "U1", "diplome", "BTS Comptabilité et gestion"))));
        r.put("benefices", new ArrayList<>(List.of(Map.of("unite", "U3", "note", "12.5", "session", "2025", "dateObtention", "2025-07-04"))));
        return r;
    }

    /** A valid GPME registration, forme progressive taking U4 and U6. */
    static Map<String, Object> gpme(String session, String number, String account) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("session", session);
        r.put("certification", "BTS-GPME");
        r.put("candidateNumber", number);
        identity(r, "Durand", "Hugo", "2004-11-20", account);
        path(r, "CAT_C", "CANDIDATURE_INDIVIDUELLE", "PROGRESSIVE");
        r.put("unites", List.of("U4", "U6"));
        return r;
    }

    /** The candidate's identity fields of a registration, {@code email} derived from {@code account}. */
    private static void identity(Map<String, Object> r, String lastName, String firstName, String birthDate, String account) {
        r.put("lastName", lastName);
        r.put("firstName", firstName);
        r.put("birthDate", birthDate);
        r.put("email", account + "@example.org");
        r.put("account", account);
    }

    /** How the candidate sits the BTS: category, way in and form. */
    private static void path(Map<String, Object> r, String categorie, String voie, String forme) {
        r.put("categorie", categorie);
        r.put("voie", voie);
        r.put("forme", forme);
    }

    /** Creates a registration as the Versailles rectorat and answers its id. */
    static String register(Map<String, Object> body) {
        return as(RECTORAT).contentType("application/json").body(body)
                .post("/api/dossiers/v1/dossiers").then().statusCode(201).extract().path("id");
    }

    static String etag(String id, String token) {
        return as(token).get("/api/dossiers/v1/dossiers/" + id).then().statusCode(200).extract().header("ETag");
    }
}
