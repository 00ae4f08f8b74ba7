package fr.bts.referential.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.referential.document.DocumentElements;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.ElementKind;
import fr.bts.referential.document.FlatElement;
import fr.bts.referential.model.ReferentialVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Edits of one element of a draft, for {@code referential-admin}: the element is found by the one walk over the
 * version document ({@link DocumentElements#flatten}), and its object in the document's tree is changed at the
 * pointer that walk gives.
 */
@ApplicationScoped
public class ElementEditService {

    @Inject
    VersionAdminService admin;

    /**
     * Sets fields of one element of a draft, found by UUID or code ({@code kind} to disambiguate a code). Only
     * existing fields can be set; {@code id} and {@code code} cannot change (the id derives from the code).
     */
    @Transactional
    public ReferentialVersion editElement(String codeOrRncp, String versionRef, String elementRef, String kind,
                                          String ifMatch, byte[] body) throws JsonProcessingException {
        ReferentialVersion version = admin.editable(codeOrRncp, versionRef, ifMatch);
        JsonNode changes = DocumentJson.readTree(body);
        ObjectNode tree = (ObjectNode) DocumentJson.readTree(version.document.getBytes(StandardCharsets.UTF_8));
        ObjectNode target = target(version, tree, elementRef, kind);
        List<Problem.Violation> violations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = changes.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("id") || field.getKey().equals("code")) {
                if (!field.getValue().equals(target.get(field.getKey()))) {
                    violations.add(new Problem.Violation(field.getKey(), "cannot change (the id derives from the code)"));
                }
            } else if (!target.has(field.getKey())) {
                violations.add(new Problem.Violation(field.getKey(), "unknown field"));
            }
        }
        VersionAdminService.requireValid(violations);
        changes.fields().forEachRemaining(f -> target.set(f.getKey(), f.getValue()));
        return admin.save(version, tree);
    }

    /** The object of the one element {@code elementRef} (UUID or code) names in {@code tree}: 404 none, 400 several. */
    private static ObjectNode target(ReferentialVersion version, ObjectNode tree, String elementRef, String kind) {
        String wantedKind = kind == null || kind.isBlank() ? null : ReferentialQueryService.kindKey(kind);
        List<ObjectNode> matches = new ArrayList<>();
        for (FlatElement element : DocumentElements.flatten(DocumentJson.fromCanonical(version.document))) {
            // a situation is edited through its épreuve (its "situations" field), as it is shown in the document
            boolean hit = element.kind() != ElementKind.SITUATION && (elementRef.equals(String.valueOf(element.id()))
                    || elementRef.equals(element.code()));
            if (hit && (wantedKind == null || wantedKind.equals(element.kind().key()))) {
                matches.add((ObjectNode) tree.at(element.pointer()));
            }
        }
        if (matches.isEmpty()) {
            throw ProblemException.notFound("No element " + elementRef + " in version " + version.number);
        }
        if (matches.size() > 1) {
            throw ProblemException.badRequest("Several elements have the code " + elementRef + "; say which with ?kind=");
        }
        return matches.get(0);
    }
}
