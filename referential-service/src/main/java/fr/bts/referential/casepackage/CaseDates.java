package fr.bts.referential.casepackage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.model.VersionSourceDate;
import fr.bts.referential.model.VersionStatus;

import java.time.Instant;
import java.util.Optional;

/** When the content and the CFDocument of a public version last changed, and what each date is based on. */
public final class CaseDates {

    private CaseDates() {
    }

    /** When a date came from and, where part of it is a default, which part. */
    public record Basis(Instant at, String from, String basis, String defaultPart) {

        /** As the CFDocument's {@code lastChangeDateTimeSource} extension says it: from, basis, default. */
        public void writeTo(ObjectNode source) {
            source.put("from", from);
            if (basis != null) {
                source.put("basis", basis);
            }
            if (defaultPart != null) {
                source.put("default", defaultPart);
            }
        }
    }

    /**
     * When the content of a public version became what it is: the date its source gives for a seed loaded as is
     * (created and published in the same instant, by the seed loader), otherwise its publication.
     */
    public static Basis content(ReferentialVersion v) {
        if (v.publishedAt != null && v.publishedAt.equals(v.createdAt)) {
            Optional<VersionSourceDate> source = VersionSourceDate.of(v.certification.code, v.number);
            if (source.isPresent()) {
                return new Basis(source.get().datedAt, "source", source.get().basis, source.get().defaultPart);
            }
        }
        return v.publishedAt != null ? new Basis(v.publishedAt, "publishedAt", null, null)
                : new Basis(v.updatedAt, "updatedAt", null, null);
    }

    /** A CFDocument last changed at its deprecation (its adoptionStatus) when it is deprecated, else with its content. */
    public static Basis document(ReferentialVersion v) {
        Basis content = content(v);
        if (v.status == VersionStatus.DEPRECATED && v.deprecatedAt != null && v.deprecatedAt.isAfter(content.at())) {
            return new Basis(v.deprecatedAt, "deprecatedAt", null, null);
        }
        return content;
    }
}
