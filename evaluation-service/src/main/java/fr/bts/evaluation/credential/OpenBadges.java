package fr.bts.evaluation.credential;

import fr.bts.evaluation.credential.AchievementCatalog.Bloc;
import fr.bts.evaluation.credential.AchievementCatalog.Catalog;
import fr.bts.evaluation.credential.AchievementCatalog.Competency;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;
import fr.bts.evaluation.model.IssuedCredential.Kind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON of Open Badges 3.0 credentials (1EdTech, on the W3C Verifiable Credentials data model 2.0): an
 * {@code OpenBadgeCredential} whose achievement is a bloc (its competencies aligned to their CASE CFItems) or the
 * diploma, with its {@code BitstringStatusListEntry}; and the académie's {@code BitstringStatusListCredential}.
 * Every URL is absolute on the public origin the credential was issued under.
 */
public final class OpenBadges {

    public static final List<String> CONTEXT = List.of("https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
    public static final String BASE_PATH = "/api/evaluations/v1/credentials";
    static final String CASE_ITEMS = "/ims/case/v1p1/CFItems/";
    static final String CASE_DOCUMENTS = "/ims/case/v1p1/CFDocuments/";

    private OpenBadges() {
    }

    /** Who and what a credential is about, and where it lives. */
    public record Subject(UUID candidateId, String candidateNumber, String lastName, String firstName, int year, String academie) {
    }

    public record Placement(UUID credentialId, String origin, int statusList, int statusIndex, String shortCode,
                            Instant validFrom, Instant validUntil) {
    }

    public static String issuerId(String origin, String academie) {
        return origin + BASE_PATH + "/issuers/" + academie;
    }

    public static String statusListUrl(String origin, String academie, int list) {
        return origin + BASE_PATH + "/status-lists/" + academie + "/" + list;
    }

    public static String codeUrl(String origin, String shortCode) {
        return origin + BASE_PATH + "/codes/" + shortCode;
    }

    public static Map<String, Object> issuer(String origin, String academie) {
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("id", issuerId(origin, academie));
        issuer.put("type", List.of("Profile"));
        issuer.put("name", issuerName(academie));
        return issuer;
    }

    public static String issuerName(String academie) {
        return "Académie de " + academie + " — brevets de technicien supérieur";
    }

    public static Map<String, Object> credential(Catalog catalog, CredentialClaims claims, Subject subject, Placement at) {
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", CONTEXT);
        vc.put("id", "urn:uuid:" + at.credentialId());
        vc.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        vc.put("issuer", issuer(at.origin(), subject.academie()));
        vc.put("validFrom", at.validFrom().toString());
        if (at.validUntil() != null) {
            vc.put("validUntil", at.validUntil().toString());
        }
        Map<String, Object> achievement = claims.kind() == Kind.BLOC
                ? blocAchievement(catalog, catalog.bloc(claims.achievement()), at.origin())
                : diplomaAchievement(catalog, at.origin());
        vc.put("name", achievement.get("name"));
        achievement.put("resultDescription", claims.units().stream().map(u -> resultDescription(catalog, u, achievement)).toList());
        Map<String, Object> credentialSubject = new LinkedHashMap<>();
        credentialSubject.put("id", "urn:uuid:" + subject.candidateId());
        credentialSubject.put("type", List.of("AchievementSubject"));
        credentialSubject.put("identifier", List.of(identity("name", subject.firstName() + " " + subject.lastName()),
                identity("identifier", subject.candidateNumber())));
        credentialSubject.put("achievement", achievement);
        credentialSubject.put("result", claims.units().stream().map(u -> result(u, achievement)).toList());
        credentialSubject.put("term", "Session " + subject.year() + " — académie de " + subject.academie());
        vc.put("credentialSubject", credentialSubject);
        vc.put("credentialStatus", statusEntry(at.origin(), subject.academie(), at.statusList(), at.statusIndex()));
        return vc;
    }

    public static Map<String, Object> statusListCredential(String origin, String academie, int list, String encodedList, Instant validFrom) {
        String url = statusListUrl(origin, academie, list);
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", List.of(CONTEXT.get(0)));
        vc.put("id", url);
        vc.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        vc.put("issuer", issuerId(origin, academie));
        vc.put("validFrom", validFrom.toString());
        vc.put("credentialSubject", Map.of("id", url + "#list", "type", "BitstringStatusList", "statusPurpose", "revocation",
                "encodedList", encodedList));
        return vc;
    }

    private static Map<String, Object> statusEntry(String origin, String academie, int list, int index) {
        String url = statusListUrl(origin, academie, list);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", url + "#" + index);
        entry.put("type", "BitstringStatusListEntry");
        entry.put("statusPurpose", "revocation");
        entry.put("statusListIndex", String.valueOf(index));
        entry.put("statusListCredential", url);
        return entry;
    }

    private static Map<String, Object> blocAchievement(Catalog catalog, Bloc bloc, String origin) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", bloc.id() != null ? origin + CASE_ITEMS + bloc.id() : "urn:bts:achievement:" + catalog.certification() + ":" + bloc.code());
        a.put("type", List.of("Achievement"));
        a.put("achievementType", "Competency");
        a.put("humanCode", bloc.code());
        a.put("name", bloc.code() + " — " + bloc.title());
        a.put("description", "Bloc de compétences « " + bloc.title() + " » du " + catalog.title() + " (version " + catalog.version() + ")");
        a.put("criteria", Map.of("narrative", "Chaque unité du bloc (" + String.join(", ", bloc.units())
                + ") acquise, note au moins égale à 10/20, à une session délibérée et scellée par le jury."));
        List<Map<String, Object>> alignment = new ArrayList<>();
        for (Competency c : bloc.competencies()) {
            Map<String, Object> al = new LinkedHashMap<>();
            al.put("type", List.of("Alignment"));
            al.put("targetName", c.statement());
            al.put("targetCode", c.code());
            al.put("targetType", "CFItem");
            al.put("targetUrl", c.id() != null ? origin + CASE_ITEMS + c.id() : "urn:bts:competency:" + catalog.certification() + ":" + c.code());
            alignment.add(al);
        }
        a.put("alignment", alignment);
        return a;
    }

    private static Map<String, Object> diplomaAchievement(Catalog catalog, String origin) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", catalog.certificationId() != null ? origin + CASE_DOCUMENTS + catalog.certificationId()
                : "urn:bts:achievement:" + catalog.certification());
        a.put("type", List.of("Achievement"));
        a.put("achievementType", "Diploma");
        a.put("humanCode", catalog.rncp() != null ? catalog.rncp() : catalog.certification());
        a.put("name", catalog.title());
        a.put("description", catalog.title() + " (" + catalog.certification() + ", version " + catalog.version() + " du référentiel)");
        a.put("criteria", Map.of("narrative", "Décision du jury « admis » : moyenne générale des unités obligatoires au moins égale au "
                + "seuil des règles de résultat de la version, délibération scellée."));
        return a;
    }

    private static Map<String, Object> resultDescription(Catalog catalog, ResultatUnite u, Map<String, Object> achievement) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", achievement.get("id") + "#" + u.unite());
        d.put("type", List.of("ResultDescription"));
        String title = catalog.unitTitles().get(u.unite());
        d.put("name", u.unite() + " (" + u.epreuve() + ")" + (title == null ? "" : " — " + title));
        d.put("resultType", "RawScore");
        d.put("valueMin", "0");
        d.put("valueMax", "20");
        return d;
    }

    private static Map<String, Object> result(ResultatUnite u, Map<String, Object> achievement) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", List.of("Result"));
        r.put("resultDescription", achievement.get("id") + "#" + u.unite());
        r.put("value", u.note() != null ? u.note().toPlainString() : String.valueOf(u.statut()));
        r.put("status", u.acquise() ? "Completed" : "InProgress");
        return r;
    }

    private static Map<String, Object> identity(String type, String value) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("type", "IdentityObject");
        id.put("identityHash", value);
        id.put("identityType", type);
        id.put("hashed", false);
        return id;
    }
}
