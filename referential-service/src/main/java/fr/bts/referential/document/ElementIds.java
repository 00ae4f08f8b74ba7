package fr.bts.referential.document;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic identifiers of referential elements (docs/contracts.md): UUIDv5 (RFC 9562, SHA-1 name based)
 * of {@code "<certification code>/<kind>/<element code>"} in the suite's namespace, so that an element keeps
 * its identifier across versions and re-imports. Variant bits 10xx make them valid CASE identifiers.
 */
public final class ElementIds {

    public static final UUID NAMESPACE = UUID.fromString("6f1c7a52-2b8e-5d0a-9c61-3f0e4b7d8a10");

    private ElementIds() {
    }

    public static UUID of(String certificationCode, ElementKind kind, String elementCode) {
        return uuidV5(NAMESPACE, certificationCode + "/" + kind.key() + "/" + elementCode);
    }

    public static UUID uuidV5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update(name.getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha1.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
