package fr.bts.referential.document;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * One addressable element of a version document, flattened: its own fields in {@code payload} (child
 * elements removed, they are elements of their own), its parent, its rank among its siblings, and the
 * accent- and case-free text search runs on, and where its object sits in the document's JSON tree
 * ({@code pointer}, RFC 6901).
 */
public record FlatElement(ElementKind kind, UUID id, String code, UUID parentId, int ordre, String libelle,
                          String searchText, JsonNode payload, String pointer) {
}
