package fr.bts.referential.casepackage;

/**
 * An error of the CASE API, answered as problem+json that also carries CASE's {@code imsx_StatusInfo} members,
 * as CASE clients expect: {@code imsx_codeMajor} failure, {@code imsx_severity} error, and one
 * {@code imsx_codeMinorField} naming the field at fault ({@code sourcedId}, or the query parameter) and the CASE 1.1
 * code: {@code unknownobject} (404), {@code invalid_uuid}, {@code invalid_selection_field} or
 * {@code invalid_sort_field} (400).
 */
public class CaseException extends RuntimeException {

    private final int status;
    private final String fieldName;
    private final String codeMinor;

    public CaseException(int status, String codeMinor, String description) {
        this(status, "sourcedId", codeMinor, description);
    }

    public CaseException(int status, String fieldName, String codeMinor, String description) {
        super(description, null, false, false);
        this.status = status;
        this.fieldName = fieldName;
        this.codeMinor = codeMinor;
    }

    public static CaseException unknown(String what) {
        return new CaseException(404, "unknownobject", what);
    }

    /** A query parameter of {@code CFDocuments} that cannot be applied (400 {@code invalid_selection_field}). */
    public static CaseException badSelection(String parameter, String description) {
        return new CaseException(400, parameter, "invalid_selection_field", description);
    }

    /** A {@code sort} or {@code orderBy} that cannot be applied (400 {@code invalid_sort_field}). */
    public static CaseException badSort(String parameter, String description) {
        return new CaseException(400, parameter, "invalid_sort_field", description);
    }

    public int status() {
        return status;
    }

    public String fieldName() {
        return fieldName;
    }

    public String codeMinor() {
        return codeMinor;
    }
}
