package fr.bts.referential.casepackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.ElementIds;
import fr.bts.referential.document.ElementKind;
import fr.bts.referential.document.VersionDocument;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Projects a published version onto a 1EdTech CASE 1.1 CFPackage (shared/standards/case-v1p1-cfpackage-schema.json).
 *
 * <p>The certification is the CFDocument: its current version under the certification's UUID (stable across
 * versions; {@code version} says which version), and every public version also under an identifier of its own
 * ({@link #versionDocumentId}); blocs, competencies, domains, activities, tasks, units and épreuves are
 * CFItems whose identifiers are the elements' UUIDv5 and whose {@code CFItemType} is our element kind. The
 * hierarchy is {@code isChildOf} (child → parent) with {@code sequenceNumber}; units → blocs, épreuves → units and
 * competencies → activities are {@code isRelatedTo}. What CASE has no field for (coefficients, modalities per
 * candidate category, CCF situations, dossier requirements, result rules) goes in {@code extensions}. The
 * critères de performance of each competency are also a CFRubric whose CFRubricCriteria point at its CFItem.
 */
public final class CasePackageBuilder {

    public static final String PATH = "/ims/case/v1p1/";
    private static final Map<ElementKind, String[]> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(ElementKind.BLOC, new String[] {"Bloc de compétences", "A bloc of competencies of an RNCP certification"});
        TYPES.put(ElementKind.COMPETENCE, new String[] {"Compétence", "A competency of a bloc, with performance criteria and associated knowledge"});
        TYPES.put(ElementKind.DOMAINE, new String[] {"Domaine d'activités", "A domain of the professional activities referential"});
        TYPES.put(ElementKind.ACTIVITE, new String[] {"Activité", "A professional activity of a domain"});
        TYPES.put(ElementKind.TACHE, new String[] {"Tâche", "A task of a professional activity"});
        TYPES.put(ElementKind.UNITE, new String[] {"Unité", "A unit of the diploma, certified by one épreuve"});
        TYPES.put(ElementKind.EPREUVE, new String[] {"Épreuve", "An examination (or sub-examination) with its coefficient and modalities"});
    }

    /** The verbatim headings of the three families of critères de performance ([S002], référentiel de certification). */
    private static final Map<String, String> CRITERIA_FAMILIES = Map.of(
            "SPECIFIQUE_DOMAINE", "Critères spécifiques au domaine d’activité",
            "COMMUNICATION", "Critères en termes de communication",
            "PRODUCTION_GESTION_INFORMATION", "Critères en termes de production et de gestion de l’information");
    /** The heading of the column of the criteria in [S002] (« Savoirs associés Critères de performance … »). */
    public static final String RUBRIC_TITLE = "Critères de performance";

    /**
     * When a node of the package last changed, by its key (stable across versions, independent of the document
     * it is shown in): {@code CFItem/<id>}, {@code CFAssociation/<type>/<origin>/<destination or "document">},
     * {@code CFItemType/<kind>}, {@code CFRubric/<id>}, {@code CFRubricCriterion/<id>}.
     */
    @FunctionalInterface
    public interface ChangeTimes {
        Instant at(String key);
    }

    private final VersionDocument doc;
    private final UUID documentId;
    private final String base;
    private final Instant documentChanged;
    private final ChangeTimes times;
    private final ArrayNode items;
    private final ArrayNode associations;
    private final String cert;

    private CasePackageBuilder(VersionDocument doc, UUID documentId, String baseUri, Instant documentChanged,
                               ChangeTimes times) {
        this.doc = doc;
        this.documentId = documentId;
        this.base = trim(baseUri);
        this.documentChanged = documentChanged;
        this.times = times;
        this.items = DocumentJson.mapper().createArrayNode();
        this.associations = DocumentJson.mapper().createArrayNode();
        this.cert = doc.certification().code();
    }

    /**
     * The CFPackage of {@code doc} shown as the CFDocument {@code documentId} (the certification's id for its current
     * version, {@link #versionDocumentId} for a fixed version). URIs are absolute on {@code baseUri}
     * (e.g. {@code https://host}); {@code documentChanged} is the CFDocument's lastChangeDateTime, {@code times}
     * give every other node's.
     */
    public static ObjectNode build(VersionDocument doc, UUID documentId, String baseUri, Instant documentChanged,
                                   ChangeTimes times) {
        return new CasePackageBuilder(doc, documentId, baseUri, documentChanged, times).build();
    }

    /** The stable identifier of version {@code number} of a certification as a CFDocument/CFPackage of its own. */
    public static UUID versionDocumentId(String certificationCode, int number) {
        return ElementIds.uuidV5(ElementIds.NAMESPACE, certificationCode + "/case/document/version/" + number);
    }

    /** The identifier of the CFRubric of a competency (its critères de performance). */
    public static UUID rubricId(String certificationCode, String competenceCode) {
        return ElementIds.uuidV5(ElementIds.NAMESPACE, certificationCode + "/case/rubric/" + competenceCode);
    }

    /** Identifier of the CFItemType that stands for one of our element kinds. */
    public static UUID itemTypeId(ElementKind kind) {
        return ElementIds.uuidV5(ElementIds.NAMESPACE, "case/item-type/" + kind.key());
    }

    /** The CFItemType standing for {@code kind}, or null when the kind has none. */
    public static ObjectNode itemType(ElementKind kind, String baseUri, Instant lastChange) {
        String[] t = TYPES.get(kind);
        if (t == null) {
            return null;
        }
        ObjectNode type = DocumentJson.mapper().createObjectNode();
        UUID id = itemTypeId(kind);
        type.put("identifier", id.toString());
        type.put("uri", trim(baseUri) + PATH + "CFItemTypes/" + id);
        type.put("title", t[0]);
        type.put("description", t[1]);
        type.put("hierarchyCode", kind.key());
        type.put("typeCode", kind.key());
        type.put("lastChangeDateTime", lastChange.toString());
        return type;
    }

    public static List<ElementKind> itemKinds() {
        return List.copyOf(TYPES.keySet());
    }

    private ObjectNode build() {
        ObjectNode pkg = DocumentJson.mapper().createObjectNode();
        pkg.set("CFDocument", document());
        blocs();
        Map<String, VersionDocument.Activite> activities = domaines();
        competenceActivities(activities);
        int offset = list(doc.blocs()).size() + list(doc.domaines()).size();
        Map<String, VersionDocument.Unite> unites = unites(offset);
        epreuves(offset + list(doc.unites()).size(), unites);
        pkg.set("CFItems", items);
        pkg.set("CFAssociations", associations);
        ObjectNode definitions = DocumentJson.mapper().createObjectNode();
        ArrayNode types = definitions.putArray("CFItemTypes");
        TYPES.keySet().forEach(kind -> types.add(itemType(kind, base, times.at("CFItemType/" + kind.key()))));
        pkg.set("CFDefinitions", definitions);
        pkg.set("CFRubrics", rubrics());
        return pkg;
    }

    /** Blocs under the document, their competencies under them (in the order the document states). */
    private void blocs() {
        int b = 0;
        for (VersionDocument.Bloc bloc : list(doc.blocs())) {
            item(ElementKind.BLOC, bloc.id(), bloc.code(), bloc.intitule(), ++b, bloc, "competences");
            child(bloc.id(), bloc.code(), documentId, doc.certification().intitule(), b, true);
            int c = 0;
            for (VersionDocument.Competence competence : list(bloc.competences())) {
                int order = competence.ordre() != null ? competence.ordre() : c + 1;
                c = order;
                item(ElementKind.COMPETENCE, competence.id(), competence.code(), competence.libelle(), order, competence);
                child(competence.id(), competence.code(), bloc.id(), bloc.code(), order, false);
            }
        }
    }

    /** Domains under the document after the blocs, activities and tasks under them; answers activities by code. */
    private Map<String, VersionDocument.Activite> domaines() {
        Map<String, VersionDocument.Activite> activities = new LinkedHashMap<>();
        int d = 0;
        for (VersionDocument.Domaine domaine : list(doc.domaines())) {
            item(ElementKind.DOMAINE, domaine.id(), domaine.code(), domaine.intitule(), ++d, domaine, "activites");
            child(domaine.id(), domaine.code(), documentId, doc.certification().intitule(), list(doc.blocs()).size() + d, true);
            int a = 0;
            for (VersionDocument.Activite activite : list(domaine.activites())) {
                activities.put(activite.code(), activite);
                item(ElementKind.ACTIVITE, activite.id(), activite.code(), activite.intitule(), ++a, activite, "taches");
                child(activite.id(), activite.code(), domaine.id(), domaine.code(), a, false);
                int t = 0;
                for (VersionDocument.Tache tache : list(activite.taches())) {
                    item(ElementKind.TACHE, tache.id(), tache.code(), tache.libelle(), ++t, tache);
                    child(tache.id(), tache.code(), activite.id(), activite.code(), t, false);
                }
            }
        }
        return activities;
    }

    /** A competency isRelatedTo each activity it names. */
    private void competenceActivities(Map<String, VersionDocument.Activite> activities) {
        for (VersionDocument.Bloc bloc : list(doc.blocs())) {
            for (VersionDocument.Competence competence : list(bloc.competences())) {
                for (String code : list(competence.activites())) {
                    VersionDocument.Activite activite = activities.get(code);
                    if (activite != null) {
                        association("isRelatedTo", competence.id(), competence.code(), activite.id(), activite.code(), null, false);
                    }
                }
            }
        }
    }

    /** Units under the document after {@code offset} items, each isRelatedTo its bloc; answers units by code. */
    private Map<String, VersionDocument.Unite> unites(int offset) {
        Map<String, VersionDocument.Bloc> blocs = new LinkedHashMap<>();
        list(doc.blocs()).forEach(x -> blocs.put(x.code(), x));
        int u = 0;
        Map<String, VersionDocument.Unite> unites = new LinkedHashMap<>();
        for (VersionDocument.Unite unite : list(doc.unites())) {
            unites.put(unite.code(), unite);
            item(ElementKind.UNITE, unite.id(), unite.code(), unite.intitule(), ++u, unite);
            child(unite.id(), unite.code(), documentId, doc.certification().intitule(), offset + u, true);
            VersionDocument.Bloc bloc = unite.bloc() == null ? null : blocs.get(unite.bloc());
            if (bloc != null) {
                association("isRelatedTo", unite.id(), unite.code(), bloc.id(), bloc.code(), null, false);
            }
        }
        return unites;
    }

    /** Épreuves under their parent épreuve, or under the document after {@code offset} items; each isRelatedTo its unit. */
    private void epreuves(int offset, Map<String, VersionDocument.Unite> unites) {
        Map<String, VersionDocument.Epreuve> epreuves = new LinkedHashMap<>();
        list(doc.epreuves()).forEach(x -> epreuves.put(x.code(), x));
        int e = 0;
        for (VersionDocument.Epreuve epreuve : list(doc.epreuves())) {
            item(ElementKind.EPREUVE, epreuve.id(), epreuve.code(), epreuve.intitule(), ++e, epreuve);
            VersionDocument.Epreuve parent = epreuve.parent() == null ? null : epreuves.get(epreuve.parent());
            if (parent != null) {
                child(epreuve.id(), epreuve.code(), parent.id(), parent.code(), e, false);
            } else {
                child(epreuve.id(), epreuve.code(), documentId, doc.certification().intitule(), offset + e, true);
            }
            VersionDocument.Unite unite = epreuve.unite() == null ? null : unites.get(epreuve.unite());
            if (unite != null) {
                association("isRelatedTo", epreuve.id(), epreuve.code(), unite.id(), unite.code(), null, false);
            }
        }
    }

    private ObjectNode document() {
        VersionDocument.CertificationInfo c = doc.certification();
        ObjectNode d = DocumentJson.mapper().createObjectNode();
        d.put("identifier", documentId.toString());
        d.put("uri", base + PATH + "CFDocuments/" + documentId);
        d.put("frameworkType", c.type() == null ? "BTS" : c.type());
        d.put("caseVersion", "1.1");
        String certificateur = list(c.certificateurs()).isEmpty() ? "République française"
                : c.certificateurs().get(0).nom();
        d.put("creator", certificateur);
        d.put("title", c.intitule());
        d.put("lastChangeDateTime", documentChanged.toString());
        if (c.rncp() != null && c.rncp().matches("RNCP\\d+")) {
            d.put("officialSourceURL", "https://www.francecompetences.fr/recherche/rncp/" + c.rncp().substring(4) + "/");
        }
        d.put("publisher", certificateur);
        d.put("description", (c.rncp() == null ? "" : c.rncp() + " — ") + c.intitule()
                + (doc.version().libelle() == null ? "" : " — " + doc.version().libelle()));
        ArrayNode subject = d.putArray("subject");
        list(c.nsf()).forEach(n -> subject.add("NSF " + n.code() + (n.libelle() == null ? "" : " " + n.libelle())));
        d.put("language", "fr");
        d.put("version", String.valueOf(doc.version().number()));
        d.put("adoptionStatus", "DEPRECATED".equals(doc.version().status()) ? "Deprecated" : "Implemented");
        if (c.dateDebutParcours() != null) {
            d.put("statusStartDate", c.dateDebutParcours().toString());
        }
        if (c.dateEcheanceEnregistrement() != null) {
            d.put("statusEndDate", c.dateEcheanceEnregistrement().toString());
        }
        if (doc.version().sources() != null && !doc.version().sources().isEmpty()) {
            d.put("notes", "Sources : " + String.join(", ", doc.version().sources()));
        }
        ObjectNode ext = d.putObject("extensions");
        ext.put("code", c.code());
        ext.put("rncp", c.rncp());
        ext.put("niveau", c.niveau());
        ext.put("nomenclatureNiveau", c.nomenclatureNiveau());
        ext.set("certification", DocumentJson.toTree(c));
        ext.set("categoriesCandidats", DocumentJson.toTree(doc.categoriesCandidats()));
        ext.set("voiesAcces", DocumentJson.toTree(doc.voiesAcces()));
        ext.set("reglesResultat", DocumentJson.toTree(doc.reglesResultat()));
        ext.set("langues", DocumentJson.toTree(doc.langues()));
        ext.set("dispenses", DocumentJson.toTree(doc.dispenses()));
        ext.set("correspondances", DocumentJson.toTree(doc.correspondances()));
        return d;
    }

    private void item(ElementKind kind, UUID id, String code, String statement, int order, Object element,
                      String... children) {
        ObjectNode i = items.addObject();
        i.put("identifier", id.toString());
        i.put("fullStatement", statement == null || statement.isBlank() ? code : statement);
        i.put("CFItemType", TYPES.get(kind)[0]);
        i.put("uri", base + PATH + "CFItems/" + id);
        i.put("humanCodingScheme", code);
        i.put("listEnumeration", String.valueOf(order));
        i.put("language", "fr");
        if (doc.certification().niveau() != null) {
            i.putArray("educationLevel").add(doc.certification().niveau());
        }
        ObjectNode type = i.putObject("CFItemTypeURI");
        UUID typeId = itemTypeId(kind);
        type.put("title", TYPES.get(kind)[0]);
        type.put("identifier", typeId.toString());
        type.put("uri", base + PATH + "CFItemTypes/" + typeId);
        i.put("lastChangeDateTime", times.at("CFItem/" + id).toString());
        ObjectNode ext = (ObjectNode) DocumentJson.toTree(element);
        ext.remove(List.of("id", "code"));
        for (String child : children) {
            ext.remove(child);
        }
        ext.put("kind", kind.key());
        i.set("extensions", ext);
    }

    private void child(UUID child, String childTitle, UUID parent, String parentTitle, int sequence, boolean parentIsDocument) {
        association("isChildOf", child, childTitle, parent, parentTitle, sequence, parentIsDocument);
    }

    private void association(String type, UUID origin, String originTitle, UUID destination, String destinationTitle,
                             Integer sequence, boolean destinationIsDocument) {
        ObjectNode a = associations.addObject();
        UUID id = ElementIds.uuidV5(ElementIds.NAMESPACE, cert + "/association/" + type + "/" + origin + "/" + destination);
        a.put("identifier", id.toString());
        a.put("associationType", type);
        if (sequence != null) {
            a.put("sequenceNumber", sequence);
        }
        a.put("uri", base + PATH + "CFAssociations/" + id);
        a.set("originNodeURI", link(originTitle, origin, "CFItems"));
        a.set("destinationNodeURI", link(destinationTitle, destination, destinationIsDocument ? "CFDocuments" : "CFItems"));
        a.put("lastChangeDateTime", times.at("CFAssociation/" + type + "/" + origin + "/"
                + (destinationIsDocument ? "document" : destination)).toString());
    }

    /**
     * One CFRubric per competency that has critères de performance in the document, its CFRubricCriteria the
     * criteria verbatim (category: the verbatim heading of their family), each linked to the competency's CFItem.
     * The documents give no weights and no levels: none are made up.
     */
    private ArrayNode rubrics() {
        ArrayNode rubrics = DocumentJson.mapper().createArrayNode();
        for (VersionDocument.Bloc bloc : list(doc.blocs())) {
            for (VersionDocument.Competence competence : list(bloc.competences())) {
                if (list(competence.criteres()).isEmpty()) {
                    continue;
                }
                UUID rubricId = rubricId(cert, competence.code());
                ObjectNode rubric = rubrics.addObject();
                rubric.put("identifier", rubricId.toString());
                rubric.put("uri", base + PATH + "CFRubrics/" + rubricId);
                rubric.put("title", RUBRIC_TITLE);
                rubric.put("description", competence.libelle() == null ? competence.code() : competence.libelle());
                rubric.put("lastChangeDateTime", times.at("CFRubric/" + rubricId).toString());
                ArrayNode criteria = rubric.putArray("CFRubricCriteria");
                Map<String, Integer> seen = new LinkedHashMap<>();
                int position = 0;
                for (VersionDocument.Critere critere : competence.criteres()) {
                    String text = critere.famille() + "/" + critere.libelle();
                    int occurrence = seen.merge(text, 1, Integer::sum);
                    UUID id = ElementIds.uuidV5(ElementIds.NAMESPACE, cert + "/case/rubric-criterion/" + competence.code()
                            + "/" + text + (occurrence > 1 ? "/" + occurrence : ""));
                    ObjectNode criterion = criteria.addObject();
                    criterion.put("identifier", id.toString());
                    criterion.put("uri", base + PATH + "CFRubrics/" + rubricId + "#" + id);
                    String family = critere.famille() == null ? null
                            : CRITERIA_FAMILIES.getOrDefault(critere.famille(), critere.famille());
                    if (family != null || critere.rubrique() != null) {
                        criterion.put("category", family == null ? critere.rubrique()
                                : critere.rubrique() == null ? family : family + " — " + critere.rubrique());
                    }
                    criterion.put("description", critere.libelle());
                    criterion.set("CFItemURI", link(competence.libelle(), competence.id(), "CFItems"));
                    criterion.put("position", ++position);
                    criterion.put("rubricId", rubricId.toString());
                    criterion.put("lastChangeDateTime", times.at("CFRubricCriterion/" + id).toString());
                }
            }
        }
        return rubrics;
    }

    private JsonNode link(String title, UUID id, String collection) {
        ObjectNode l = DocumentJson.mapper().createObjectNode();
        l.put("title", title == null ? id.toString() : title);
        l.put("identifier", id.toString());
        l.put("uri", base + PATH + collection + "/" + id);
        return l;
    }

    private static String trim(String baseUri) {
        return baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
