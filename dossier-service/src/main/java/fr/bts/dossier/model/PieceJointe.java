package fr.bts.dossier.model;

import java.time.Instant;

/**
 * An attachment of a dossier: the bytes live in GridFS (bucket {@code attachments}, file id {@link #id}); this
 * entry binds them to the dossier, the épreuve and, when it is one, the required piece it stands for.
 */
public class PieceJointe {
    public String id;
    public String epreuve;
    /** A piece code of the épreuve's requirements (e.g. ATTESTATION_NON_PLAGIAT), or null for a production. */
    public String piece;
    public String fileName;
    public String contentType;
    public long size;
    public String sha256;
    public Instant uploadedAt;
    public String uploadedBy;
}
