package fr.bts.referential.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The CASE 1.1 types this service answers with, for the OpenAPI document only (the answers are built as JSON trees by
 * {@code casepackage.CasePackageBuilder}): the names and required members of the 1EdTech CASE 1.1 JSON binding
 * (shared/standards/case-v1p1-cfpackage-schema.json, imscasev1p1_openapi3_v1p0.json), members we never send left out.
 */
final class CaseSchemas {

    private CaseSchemas() {
    }

    /** The members every CASE object answered here has: its identifier, its URI, when it really changed. */
    abstract static class CaseNode {
        @Schema(format = "uuid")
        public String identifier;
        @Schema(format = "uri")
        public String uri;
        @Schema(format = "date-time")
        public String lastChangeDateTime;
    }

    @Schema(name = "CaseLinkURI", description = "A link to another CASE object", requiredProperties = {"title", "identifier", "uri"})
    static class LinkUri {
        public String title;
        @Schema(format = "uuid")
        public String identifier;
        @Schema(format = "uri")
        public String uri;
    }

    @Schema(name = "CFDocument", description = "A framework: the current version of a certification (identifier: the "
            + "certification's UUID) or one fixed public version (an identifier of its own)",
            requiredProperties = {"identifier", "uri", "creator", "title", "lastChangeDateTime", "CFPackageURI"})
    static class CFDocument {
        @Schema(format = "uuid")
        public String identifier;
        @Schema(format = "uri")
        public String uri;
        public String frameworkType;
        @Schema(enumeration = {"1.1"})
        public String caseVersion;
        public String creator;
        public String title;
        @Schema(format = "date-time", description = "When the document really changed: the publication of its version "
                + "(for a seed, the date its source gives, extensions.lastChangeDateTimeSource says which), or its deprecation")
        public String lastChangeDateTime;
        @Schema(format = "uri")
        public String officialSourceURL;
        public String publisher;
        public String description;
        public List<String> subject;
        public String language;
        @Schema(description = "The version number")
        public String version;
        @Schema(enumeration = {"Implemented", "Deprecated"})
        public String adoptionStatus;
        @Schema(format = "date")
        public String statusStartDate;
        @Schema(format = "date")
        public String statusEndDate;
        public String notes;
        public LinkUri CFPackageURI;
        @Schema(type = SchemaType.OBJECT, description = "What CASE has no member for: codes, level, categories, rules, "
                + "versionNumber, versionStatus, lastChangeDateTimeSource")
        public Map<String, Object> extensions;
    }

    @Schema(name = "CFDocumentSet", requiredProperties = "CFDocuments")
    static class CFDocumentSet {
        public List<CFDocument> CFDocuments;
    }

    @Schema(name = "CFItem", description = "A bloc, competency, domain, activity, task, unit or épreuve",
            requiredProperties = {"identifier", "fullStatement", "uri", "lastChangeDateTime"})
    static class CFItem extends CaseNode {
        public String fullStatement;
        public String CFItemType;
        public String humanCodingScheme;
        public String listEnumeration;
        public String language;
        public List<String> educationLevel;
        public LinkUri CFItemTypeURI;
        @Schema(description = "Only on a CFItem answered alone (CFItemDType)")
        public LinkUri CFDocumentURI;
        @Schema(type = SchemaType.OBJECT, description = "The element's own fields (coefficients, modalities, criteria…)")
        public Map<String, Object> extensions;
    }

    @Schema(name = "CFAssociation", requiredProperties = {"identifier", "associationType", "uri", "originNodeURI",
            "destinationNodeURI", "lastChangeDateTime"})
    static class CFAssociation extends CaseNode {
        @Schema(enumeration = {"isChildOf", "isRelatedTo"})
        public String associationType;
        public Integer sequenceNumber;
        public LinkUri originNodeURI;
        public LinkUri destinationNodeURI;
        @Schema(description = "The document the association belongs to; only on a CFAssociation answered alone "
                + "(CASE 1.1 CFAssociationDType; its package form has no such member)")
        public LinkUri CFDocumentURI;
    }

    @Schema(name = "CFAssociationSet", requiredProperties = {"CFItem", "CFAssociations"})
    static class CFAssociationSet {
        public CFItem CFItem;
        public List<CFAssociation> CFAssociations;
    }

    @Schema(name = "CFItemType", requiredProperties = {"identifier", "uri", "title", "description", "hierarchyCode",
            "lastChangeDateTime"})
    static class CFItemType extends CaseNode {
        public String title;
        public String description;
        public String hierarchyCode;
        public String typeCode;
    }

    @Schema(name = "CFItemTypeSet", requiredProperties = "CFItemTypes")
    static class CFItemTypeSet {
        public List<CFItemType> CFItemTypes;
    }

    @Schema(name = "CFRubricCriterion", requiredProperties = {"identifier", "uri", "lastChangeDateTime"})
    static class CFRubricCriterion extends CaseNode {
        @Schema(description = "The verbatim heading of the criterion's family, e.g. « Critères en termes de communication »")
        public String category;
        @Schema(description = "The critère de performance, verbatim")
        public String description;
        public LinkUri CFItemURI;
        public Integer position;
        @Schema(format = "uuid")
        public String rubricId;
    }

    @Schema(name = "CFRubric", description = "The critères de performance of one competency",
            requiredProperties = {"identifier", "uri", "lastChangeDateTime"})
    static class CFRubric extends CaseNode {
        public String title;
        public String description;
        public List<CFRubricCriterion> CFRubricCriteria;
    }

    @Schema(name = "CFDefinitions")
    static class CFDefinitions {
        public List<CFItemType> CFItemTypes;
    }

    @Schema(name = "CFPackage", description = "A whole framework: its document, items, associations, item types and rubrics",
            requiredProperties = "CFDocument")
    static class CFPackage {
        @Schema(description = "The CFDocument, without CFPackageURI")
        public CFDocument CFDocument;
        public List<CFItem> CFItems;
        public List<CFAssociation> CFAssociations;
        public CFDefinitions CFDefinitions;
        public List<CFRubric> CFRubrics;
    }

    @Schema(name = "CaseProblem", description = "An RFC 9457 problem that also carries CASE's imsx_StatusInfo members",
            requiredProperties = {"type", "title", "status", "imsx_codeMajor", "imsx_severity", "imsx_codeMinor"})
    static class CaseProblem {
        @Schema(format = "uri", example = "urn:bts:problem:not-found")
        public String type;
        public String title;
        public int status;
        public String detail;
        @Schema(enumeration = {"failure"})
        public String imsx_codeMajor;
        @Schema(enumeration = {"error"})
        public String imsx_severity;
        public String imsx_description;
        public CodeMinor imsx_codeMinor;
    }

    @Schema(name = "CaseCodeMinor", requiredProperties = "imsx_codeMinorField")
    static class CodeMinor {
        public List<CodeMinorField> imsx_codeMinorField;
    }

    @Schema(name = "CaseCodeMinorField", requiredProperties = {"imsx_codeMinorFieldName", "imsx_codeMinorFieldValue"})
    static class CodeMinorField {
        @Schema(description = "sourcedId, or the query parameter at fault (limit, offset, sort, orderBy, filter, fields)")
        public String imsx_codeMinorFieldName;
        @Schema(enumeration = {"unknownobject", "invalid_uuid", "invalid_selection_field", "invalid_sort_field"})
        public String imsx_codeMinorFieldValue;
    }
}
