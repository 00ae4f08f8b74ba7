package fr.bts.dossier.service;

import com.mongodb.client.MongoClient;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.conformity.ExigencesDossier;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.model.PieceJointe;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The candidate's productions and required pieces, stored in GridFS (bucket {@code attachments}) and bound to
 * the dossier and académie in their metadata and in the dossier document. Uploads are streamed with a size limit
 * and a content-type allowlist (configuration), the declared type must match the file's signature for PDF, PNG
 * and JPEG (and the zip signature for OOXML / OpenDocument), the SHA-256 is computed on the way, and the file name is
 * sanitised (a name with a path, a control character or nothing left once cleaned is refused). Once stored, the
 * content passes the policy of {@link AttachmentContent} (zip bombs, active PDF content) or is deleted and refused.
 */
@ApplicationScoped
public class AttachmentService {

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Inject
    DossierAccess access;

    @Inject
    ProfessionalDossierService professionalDossiers;

    @Inject
    DossierVersions versions;

    @Inject
    DossierRepository dossiers;

    @Inject
    DossierConfig config;

    @Inject
    Caller caller;

    private volatile GridFSBucket bucket;

    private GridFSBucket bucket() {
        if (bucket == null) {
            bucket = GridFSBuckets.create(mongo.getDatabase(database), "attachments");
        }
        return bucket;
    }

    public PieceJointe upload(String id, String epreuve, String piece, String rawName, String rawType, Long length,
                              InputStream body) throws IOException {
        DossierCandidat candidat = uploadable(id, epreuve, piece);
        String name = AttachmentFormats.sanitise(rawName);
        String type = contentType(rawType);
        long max = config.attachments().maxSize();
        if (length != null && length > max) {
            throw tooLarge(max);
        }

        MessageDigest sha = sha256();
        byte[] head = body.readNBytes(8);
        if (head.length == 0) {
            throw ProblemException.invalid("body", "the file is empty");
        }
        AttachmentFormats.checkSignature(type, head);
        GridFSUploadOptions options = new GridFSUploadOptions().metadata(new Document("dossierId", candidat.id)
                .append("academie", candidat.academie).append("epreuve", epreuve).append("contentType", type));
        GridFSUploadStream upload = bucket().openUploadStream(name, options);
        long size = 0;
        try (upload) {
            byte[] buffer = new byte[16384];
            byte[] chunk = head;
            int n = head.length;
            while (n > 0) {
                size += n;
                if (size > max) {
                    upload.abort();
                    throw tooLarge(max);
                }
                sha.update(chunk, 0, n);
                upload.write(chunk, 0, n);
                chunk = buffer;
                n = body.read(buffer);
            }
        }
        ObjectId stored = upload.getObjectId();
        checkContent(type, stored, size);
        PieceJointe attachment = new PieceJointe();
        attachment.id = stored.toHexString();
        attachment.epreuve = epreuve;
        attachment.piece = piece;
        attachment.fileName = name;
        attachment.contentType = type;
        attachment.size = size;
        attachment.sha256 = HexFormat.of().formatHex(sha.digest());
        attachment.uploadedAt = Instant.now();
        attachment.uploadedBy = caller.username();
        mongo.getDatabase(database).getCollection("attachments.files").updateOne(new Document("_id", stored),
                new Document("$set", new Document("metadata.sha256", attachment.sha256)));
        return attach(candidat, attachment, stored);
    }

    /** The file, once the caller is its candidate, the épreuve's dossier still editable and the piece one of the épreuve's. */
    private DossierCandidat uploadable(String id, String epreuve, String piece) {
        DossierCandidat candidat = access.visible(id);
        access.requireCandidate(candidat, "Only the candidate adds attachments to a dossier");
        DossierProfessionnel dossier = candidat.dossier(epreuve).orElseThrow(() -> ProblemException.invalid("epreuve",
                "this registration has no professional dossier for " + epreuve));
        professionalDossiers.requireEditable(candidat, dossier);
        if (piece != null) {
            ExigencesDossier exigences = versions.exigencesOf(candidat, epreuve);
            if (exigences.pieces().stream().noneMatch(p -> p.code().equals(piece))) {
                throw ProblemException.invalid("piece", "is not a piece of épreuve " + epreuve);
            }
        }
        return candidat;
    }

    /** Adds the stored attachment to the file (three tries against concurrent writes), or deletes it again (409). */
    private PieceJointe attach(DossierCandidat candidat, PieceJointe attachment, ObjectId stored) {
        for (int attempt = 0; attempt < 3; attempt++) {
            DossierCandidat fresh = attempt == 0 ? candidat : access.visible(candidat.id);
            long read = fresh.version;
            fresh.attachments.add(attachment);
            fresh.updatedAt = attachment.uploadedAt;
            if (dossiers.replaceIfVersion(fresh, read)) {
                return attachment;
            }
        }
        bucket().delete(stored);
        throw ProblemException.conflict("The dossier kept changing during the upload; try again");
    }

    public PieceJointe describe(String id, String attachmentId) {
        return attachmentOf(access.visible(id), attachmentId);
    }

    public void download(String id, String attachmentId, OutputStream out) {
        PieceJointe attachment = describe(id, attachmentId);
        bucket().downloadToStream(new ObjectId(attachment.id), out);
    }

    public void delete(String id, String attachmentId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            DossierCandidat candidat = access.visible(id);
            access.requireCandidate(candidat, "Only the candidate removes attachments from a dossier");
            PieceJointe attachment = attachmentOf(candidat, attachmentId);
            professionalDossiers.requireEditable(candidat, candidat.dossier(attachment.epreuve).orElseThrow());
            long read = candidat.version;
            candidat.attachments.removeIf(a -> a.id.equals(attachmentId));
            candidat.updatedAt = Instant.now();
            if (dossiers.replaceIfVersion(candidat, read)) {
                bucket().delete(new ObjectId(attachmentId));
                return;
            }
        }
        throw ProblemException.conflict("The dossier kept changing; try again");
    }

    private static PieceJointe attachmentOf(DossierCandidat candidat, String attachmentId) {
        return candidat.attachments.stream().filter(a -> a.id.equals(attachmentId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No attachment " + attachmentId + " in this dossier"));
    }

    private String contentType(String raw) {
        String type = raw == null ? "" : raw.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!config.attachments().allowedTypes().contains(type)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Attachments of type '" + type
                    + "' are not accepted; allowed: " + config.attachments().allowedTypes());
        }
        return type;
    }

    /** The content policy of {@link AttachmentContent}, on the stored bytes; a refused file is deleted again. */
    private void checkContent(String type, ObjectId stored, long size) throws IOException {
        DossierConfig.Attachments limits = config.attachments();
        try (InputStream content = bucket().openDownloadStream(stored)) {
            AttachmentContent.check(type, content, size, new AttachmentContent.Limits(limits.maxInflatedSize(),
                    limits.maxCompressionRatio(), limits.maxArchiveEntries()));
        } catch (IOException | RuntimeException e) {
            bucket().delete(stored);
            throw e;
        }
    }

    private static ProblemException tooLarge(long max) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An attachment is at most " + max + " bytes");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
