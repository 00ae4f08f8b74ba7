package fr.bts.referential.rncp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.ETags;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.referential.config.ReferentialConfig;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.model.RncpImportField;
import fr.bts.referential.service.VersionAdminService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports an RNCP fiche (France Compétences XML export) into a draft: the certification's identity, codes
 * and dates, and the titles of the blocs the draft already has. Free-text fields are kept as the raw HTML
 * published, with their SHA-256. Everything is checked before anything is written: a malformed or oversized
 * body, another fiche's number or a bloc code unknown to the draft changes nothing.
 */
@ApplicationScoped
public class RncpImportService {

    @Inject
    VersionAdminService admin;

    @Inject
    ReferentialConfig config;

    @Transactional
    public ReferentialVersion importFiche(String codeOrRncp, String versionRef, String ifMatch, InputStream body) {
        byte[] xml = readBounded(body, config.rncp().maxBytes());
        ReferentialVersion version = admin.editableVersion(codeOrRncp, versionRef, ifMatch);
        List<Problem.Violation> violations = new ArrayList<>();
        RncpFiche fiche = RncpFiche.read(SafeXml.parse(xml), violations);
        ObjectNode tree;
        try {
            tree = (ObjectNode) DocumentJson.readTree(version.document.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored documents are canonical JSON", e);
        }
        if (fiche != null) {
            apply(fiche, tree, version, violations);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() + " problem(s) in the RNCP fiche; nothing was imported",
                    violations);
        }
        try {
            admin.saveDocument(version, tree);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("The fiche gives values the version document cannot hold",
                    List.of(new Problem.Violation("FICHE", e.getOriginalMessage())));
        }
        RncpImportField.delete("version", version);
        Instant now = Instant.now();
        fiche.rawHtml().forEach((field, html) -> keep(version, fiche.numeroFiche(), field, null, html, now));
        for (RncpFiche.Bloc bloc : fiche.blocs()) {
            bloc.rawHtml().forEach((field, html) -> keep(version, fiche.numeroFiche(), field, bloc.code(), html, now));
        }
        return version;
    }

    private static void apply(RncpFiche fiche, ObjectNode tree, ReferentialVersion version,
                              List<Problem.Violation> violations) {
        ObjectNode certification = (ObjectNode) tree.get("certification");
        String expected = version.certification.rncp;
        if (expected != null && fiche.numeroFiche() != null && !expected.equalsIgnoreCase(fiche.numeroFiche())) {
            violations.add(new Problem.Violation("FICHE/NUMERO_FICHE", "this draft is of " + expected, fiche.numeroFiche()));
        }
        Map<String, ObjectNode> blocs = new HashMap<>();
        for (JsonNode bloc : tree.withArray("blocs")) {
            blocs.put(bloc.path("code").asText(), (ObjectNode) bloc);
        }
        for (int i = 0; i < fiche.blocs().size(); i++) {
            RncpFiche.Bloc bloc = fiche.blocs().get(i);
            if (bloc.code() == null || !blocs.containsKey(bloc.code())) {
                violations.add(new Problem.Violation("FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES[" + i + "]/CODE",
                        "unknown bloc code in this draft (known: " + new java.util.TreeSet<>(blocs.keySet()) + ")",
                        bloc.code()));
            } else if (bloc.libelle() == null) {
                violations.add(new Problem.Violation("FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES[" + i + "]/LIBELLE",
                        "is required"));
            }
        }
        if (!violations.isEmpty()) {
            return;
        }
        set(certification, "rncp", fiche.numeroFiche());
        set(certification, "intitule", fiche.intitule());
        set(certification, "niveau", fiche.niveau());
        set(certification, "nomenclatureNiveau", fiche.nomenclatureNiveau());
        set(certification, "etat", fiche.etat());
        certification.set("nsf", DocumentJson.toTree(fiche.nsf()));
        certification.set("rome", DocumentJson.toTree(fiche.rome()));
        certification.set("formacodes", DocumentJson.toTree(fiche.formacodes()));
        certification.set("certificateurs", DocumentJson.toTree(fiche.certificateurs()));
        if (fiche.dateDecision() != null) {
            certification.put("datePublication", fiche.dateDecision().toString());
        }
        if (fiche.dateEffet() != null) {
            certification.put("dateDebutParcours", fiche.dateEffet().toString());
        }
        if (fiche.dateFinEnregistrement() != null) {
            certification.put("dateEcheanceEnregistrement", fiche.dateFinEnregistrement().toString());
        }
        if (!fiche.anciennesCertifications().isEmpty()) {
            Map<String, String> known = new HashMap<>();
            for (JsonNode a : certification.withArray("certificationsAnterieures")) {
                known.put(a.path("code").asText(), a.path("intitule").isNull() ? null : a.path("intitule").asText());
            }
            ArrayNode anciennes = DocumentJson.mapper().createArrayNode();
            fiche.anciennesCertifications().forEach(code -> anciennes.addObject().put("code", code)
                    .put("intitule", known.get(code)));
            certification.set("certificationsAnterieures", anciennes);
        }
        for (RncpFiche.Bloc bloc : fiche.blocs()) {
            blocs.get(bloc.code()).put("intitule", bloc.libelle());
        }
    }

    private static void set(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void keep(ReferentialVersion version, String numero, String field, String bloc, String html, Instant now) {
        RncpImportField row = new RncpImportField();
        row.version = version;
        row.numeroFiche = numero;
        row.field = field;
        row.blocCode = bloc;
        row.rawHtml = html;
        row.sha256 = ETags.sha256Hex(html);
        row.importedAt = now;
        row.persist();
    }

    private static byte[] readBounded(InputStream body, int max) {
        if (body == null) {
            throw ProblemException.badRequest("An XML body is required");
        }
        try {
            byte[] bytes = body.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                        "An RNCP fiche is accepted up to " + max + " bytes");
            }
            if (bytes.length == 0) {
                throw ProblemException.badRequest("An XML body is required");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
