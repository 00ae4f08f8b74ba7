package fr.bts.referential.casepackage;

/**
 * An error of the CASE API, answered as problem+json that also carries CASE's {@code imsx_StatusInfo} members,
 * as CASE clients expect: {@code imsx_codeMajor} failure, {@code imsx_severity} error, and a
 * {@code imsx_codeMinor} such as {@code unknownobject} (404) or {@code invalid_uuid} (400).
 */
public class CaseException extends RuntimeException {

    private final int status;
    private final String codeMinor;

    public CaseException(int status, String codeMinor, String description) {
        super(description, null, false, false);
        this.status = status;
        this.codeMinor = codeMinor;
    }

    public static CaseException unknown(String what) {
        return new CaseException(404, "unknownobject", what);
    }

    public int status() {
        return status;
    }

    public String codeMinor() {
        return codeMinor;
    }
}
