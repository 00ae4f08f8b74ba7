package fr.bts.dossier.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * What an attachment's name and first bytes must be before it is stored: a plain file name (no path, no control
 * character, sanitised) and, for PDF, PNG, JPEG and the zip-based office formats, the signature of its declared type.
 */
final class AttachmentFormats {

    private static final int MAX_NAME = 120;

    private AttachmentFormats() {
    }

    /**
     * A safe file name: no path, no control character, letters, digits and {@code . _ - ( )} and spaces kept,
     * other characters replaced, at most 120 characters. A name carrying a path or a control character is refused.
     */
    static String sanitise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalid("fileName", "a file name is required");
        }
        if (raw.length() > 255 || raw.contains("/") || raw.contains("\\") || raw.chars().anyMatch(c -> c < 0x20 || c == 0x7F)
                || raw.contains("..")) {
            throw ProblemException.invalid("fileName", "must be a plain file name, without a path or control characters");
        }
        String cleaned = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC)
                .replaceAll("[^\\p{L}\\p{N} ._()-]", "_")
                .replaceAll("^[. ]+", "");
        if (cleaned.length() > MAX_NAME) {
            int dot = cleaned.lastIndexOf('.');
            String ext = dot > 0 && cleaned.length() - dot <= 10 ? cleaned.substring(dot) : "";
            cleaned = cleaned.substring(0, MAX_NAME - ext.length()) + ext;
        }
        if (cleaned.isBlank() || cleaned.chars().noneMatch(Character::isLetterOrDigit)) {
            throw ProblemException.invalid("fileName", "must contain letters or digits");
        }
        return cleaned;
    }

    static void checkSignature(String type, byte[] head) {
        boolean ok = switch (type) {
            case "application/pdf" -> startsWith(head, "%PDF-".getBytes());
            case "image/png" -> startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            case "image/jpeg" -> startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            default -> !AttachmentContent.isArchive(type) || startsWith(head, new byte[] {'P', 'K', 3, 4});
        };
        if (!ok) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The file's content is not " + type);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }
}
