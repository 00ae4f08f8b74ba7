package fr.bts.referential.model;

/**
 * Life cycle of a version: a DRAFT is edited, VALIDATED once every rule holds, PUBLISHED (public and
 * immutable), DEPRECATED when superseded (still readable, still immutable).
 */
public enum VersionStatus {
    DRAFT, VALIDATED, PUBLISHED, DEPRECATED;

    public boolean isPublic() {
        return this == PUBLISHED || this == DEPRECATED;
    }
}
