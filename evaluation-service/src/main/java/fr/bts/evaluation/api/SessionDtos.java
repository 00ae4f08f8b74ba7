package fr.bts.evaluation.api;

import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.SessionStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Request and answer shapes of exam sessions. */
public final class SessionDtos {

    private SessionDtos() {
    }

    /** Opening a session; the académie is the caller's (token), never given here. */
    public record OpenSession(
            @NotBlank @Size(max = 64) String certification,
            @NotBlank @Pattern(regexp = "current|[1-9][0-9]{0,4}", message = "must be a version number or 'current'") String referentialVersion,
            @NotNull @Min(2000) @Max(2100) Integer year) {
    }

    public record Transition(@NotNull SessionStatus to) {
    }

    public record SessionView(UUID id, String academie, String certification, int referentialVersion, int year,
                              SessionStatus status, Instant snapshotTakenAt, int currentRevision, Instant createdAt,
                              Instant sealedAt, String sealedBy, Instant publishedAt, long version) {
        public static SessionView of(ExamSession s) {
            return new SessionView(s.id, s.academie, s.certification, s.referentialVersion, s.year, s.status, s.snapshotTakenAt,
                    s.currentRevision, s.createdAt, s.sealedAt, s.sealedBy, s.publishedAt, s.version);
        }
    }
}
