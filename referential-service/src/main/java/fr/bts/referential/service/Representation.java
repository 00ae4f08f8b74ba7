package fr.bts.referential.service;

import fr.bts.referential.model.VersionStatus;
import jakarta.ws.rs.core.EntityTag;

/** The canonical bytes of one version document, ready to be written as they are, with their strong ETag. */
public record Representation(String certificationCode, int number, VersionStatus status, byte[] body, EntityTag etag) {
}
