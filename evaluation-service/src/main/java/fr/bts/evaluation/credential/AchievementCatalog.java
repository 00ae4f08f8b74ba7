package fr.bts.evaluation.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.evaluation.client.ReferentialClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a credential says about its achievement, as the referential version states it: the certification, each bloc's
 * title and competencies with the identifiers its CASE package gives them (CFItem {@code /ims/case/v1p1/CFItems/<id>}),
 * the units' titles. A published version does not change, so each is read once per instance.
 */
@ApplicationScoped
public class AchievementCatalog {

    /** A competency of a bloc; {@code id} is its element identifier (its CASE CFItem), null when the version has none. */
    public record Competency(String id, String code, String statement) {
    }

    public record Bloc(String id, String code, String title, List<String> units, List<Competency> competencies) {
    }

    /** A referential version, reduced to what credentials and attestations name. */
    public record Catalog(String certificationId, String certification, String title, String rncp, int version,
                          Map<String, Bloc> blocs, Map<String, String> unitTitles) {

        public Bloc bloc(String code) {
            Bloc bloc = blocs.get(code);
            if (bloc == null) {
                throw new ProblemException(ProblemType.BAD_GATEWAY, "referential version " + version + " of " + certification
                        + " has no bloc " + code);
            }
            return bloc;
        }
    }

    @Inject
    ReferentialClient referential;
    @Inject
    CredentialConfig config;

    private Cache<String, Catalog> catalogs;

    @PostConstruct
    void init() {
        catalogs = Caffeine.newBuilder().maximumSize(config.catalogCacheSize()).build();
    }

    public Catalog of(String certification, int version) {
        return catalogs.get(certification + "/" + version, key -> read(certification, version));
    }

    private Catalog read(String certification, int version) {
        JsonNode doc = referential.version(certification, String.valueOf(version)).orElseThrow(() -> new ProblemException(
                ProblemType.BAD_GATEWAY, "referential-service no longer has version " + version + " of " + certification));
        Map<String, Bloc> blocs = new LinkedHashMap<>();
        for (JsonNode b : doc.path("blocs")) {
            List<String> units = new ArrayList<>();
            b.path("unites").forEach(u -> units.add(u.asText()));
            List<Competency> competencies = new ArrayList<>();
            for (JsonNode c : b.path("competences")) {
                competencies.add(new Competency(text(c, "id"), text(c, "code"), text(c, "libelle")));
            }
            blocs.put(text(b, "code"), new Bloc(text(b, "id"), text(b, "code"), text(b, "intitule"), units, competencies));
        }
        Map<String, String> unitTitles = new LinkedHashMap<>();
        doc.path("unites").forEach(u -> unitTitles.put(text(u, "code"), text(u, "intitule")));
        JsonNode cert = doc.path("certification");
        return new Catalog(text(cert, "id"), certification, Optional.ofNullable(text(cert, "intitule")).orElse(certification),
                text(cert, "rncp"), version, blocs, unitTitles);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
