package fr.bts.evaluation.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Optional;

/** The answers of the audit log's verification (one hash chain per académie). */
public final class AuditDtos {

    private AuditDtos() {
    }

    /** One chain's verification; {@code missingFrom..missingTo} is the cut-off tail when {@code truncated}. */
    public record ChainVerification(String chain, boolean valid, long entries, Long firstBrokenSeq, String reason,
                                    Long headSeq, boolean truncated, Long missingFrom, Long missingTo) {
    }

    /**
     * The answer of verify: {@code valid} when every chain verified is; the other top-level fields are those of the
     * first invalid chain (or the totals); {@code chains} lists each chain the caller may see.
     */
    @Schema(name = "AuditVerification")
    public record Verification(boolean valid, long entries, Long firstBrokenSeq, String reason, boolean truncated,
                               Long missingFrom, Long missingTo, List<ChainVerification> chains) {

        public static Verification of(List<ChainVerification> chains) {
            long entries = chains.stream().mapToLong(ChainVerification::entries).sum();
            Optional<ChainVerification> broken = chains.stream().filter(c -> !c.valid()).findFirst();
            return broken.map(b -> new Verification(false, entries, b.firstBrokenSeq(), b.chain() + ": " + b.reason(), b.truncated(),
                            b.missingFrom(), b.missingTo(), chains))
                    .orElseGet(() -> new Verification(true, entries, null, null, false, null, null, chains));
        }
    }
}
