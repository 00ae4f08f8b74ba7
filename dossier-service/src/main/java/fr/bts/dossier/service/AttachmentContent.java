package fr.bts.dossier.service;

import com.lowagie.text.exceptions.BadPasswordException;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfReader;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The upload policy on what is inside an attachment (issue 11, dossier-service/README.md "Attachments"), plain Java:
 * <ul>
 *   <li>an OOXML or OpenDocument file (a zip) is inflated as it is read, never trusting the sizes its headers
 *   declare; it is refused (422) when the inflated total exceeds {@code maxInflatedSize}, when that total is more
 *   than {@code maxCompressionRatio} times the file's size, when it has more than {@code maxArchiveEntries}
 *   entries, or when it is not a readable zip — a 204 KB docx that inflates to 200 MiB never reaches a reader;</li>
 *   <li>a PDF is refused (422) when it carries active content: JavaScript ({@code /JS}, {@code /JavaScript}), a
 *   launch, form-submission or data-import action, embedded files, rich media or an XFA form. Its bytes are
 *   scanned for those names ({@code #xx} escapes decoded), and it is parsed, when it can be, so that objects
 *   inside compressed object streams are seen too. An encrypted PDF, whose objects cannot be checked, is refused.</li>
 * </ul>
 * Images are checked by their signature only (AttachmentService).
 */
public final class AttachmentContent {

    /** The policy's problem type: the file is of an allowed type, but its content is refused. */
    public static final ProblemType REFUSED = ProblemType.custom("attachment-content-refused",
            "Attachment content refused", 422);

    private static final Set<String> ARCHIVES = Set.of(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation", "application/zip");

    /** Keys whose presence anywhere in a PDF means active content, and action types that are active. */
    private static final Set<String> ACTIVE_KEYS = Set.of("JS", "JavaScript", "EmbeddedFile", "EmbeddedFiles",
            "RichMedia", "XFA", "Launch");
    private static final Set<String> ACTIVE_ACTIONS = Set.of("JavaScript", "Launch", "SubmitForm", "ImportData", "GoToE",
            "RichMediaExecute");

    /** The limits, from configuration. */
    public record Limits(long maxInflatedSize, int maxCompressionRatio, int maxArchiveEntries) {
    }

    private AttachmentContent() {
    }

    public static boolean isArchive(String type) {
        return ARCHIVES.contains(type);
    }

    /** Refuses {@code content} (of {@code size} bytes, declared {@code type}) when the policy says so. */
    public static void check(String type, InputStream content, long size, Limits limits) throws IOException {
        if (isArchive(type)) {
            checkArchive(content, size, limits);
        } else if ("application/pdf".equals(type)) {
            checkPdf(content);
        }
    }

    static void checkArchive(InputStream content, long size, Limits limits) throws IOException {
        long bound = Math.min(limits.maxInflatedSize(), Math.max(size, 1) * limits.maxCompressionRatio());
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[16384];
        try (ZipInputStream zip = new ZipInputStream(content)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > limits.maxArchiveEntries()) {
                    throw refused("the archive has more than " + limits.maxArchiveEntries() + " entries");
                }
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    inflated += n;
                    if (inflated > bound) {
                        throw refused("the archive inflates beyond " + bound + " bytes (at most "
                                + limits.maxInflatedSize() + " bytes and " + limits.maxCompressionRatio()
                                + " times its size)");
                    }
                }
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw refused("the file is not a readable OOXML / OpenDocument archive");
        }
        if (entries == 0) {
            throw refused("the file is not a readable OOXML / OpenDocument archive");
        }
    }

    static void checkPdf(InputStream content) throws IOException {
        byte[] bytes = content.readAllBytes();
        Set<String> found = new TreeSet<>();
        scanNames(bytes, found);
        PdfReader reader = null;
        try {
            reader = new PdfReader(bytes);
        } catch (BadPasswordException e) {
            throw refused("the PDF is encrypted, so its content cannot be checked");
        } catch (IOException | RuntimeException unreadable) {
            // not parseable as a whole: the scan of its bytes above is what can be checked
        }
        if (reader != null) {
            try {
                for (int i = 1; i < reader.getXrefSize(); i++) {
                    PdfObject object = reader.getPdfObjectRelease(i);
                    if (object != null && (object.isDictionary() || object.isStream())) {
                        activeContent((PdfDictionary) object, found);
                    }
                }
                activeContent(reader.getTrailer(), found);
                activeContent(reader.getCatalog(), found);
            } finally {
                reader.close();
            }
        }
        if (!found.isEmpty()) {
            throw new ProblemException(Problem.of(REFUSED, "The PDF carries active content: " + String.join(", ", found),
                    List.of(new Problem.Violation("body", "active PDF content is refused: " + String.join(", ", found)))));
        }
    }

    /** Every name token in the raw bytes ({@code /J#53} is {@code /JS}), for what a parser would not reach. */
    static void scanNames(byte[] bytes, Set<String> found) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '/') {
                continue;
            }
            StringBuilder name = new StringBuilder();
            int j = i + 1;
            while (j < bytes.length && isNameByte(bytes[j]) && name.length() < 64) {
                if (bytes[j] == '#' && j + 2 < bytes.length && Character.digit(bytes[j + 1], 16) >= 0
                        && Character.digit(bytes[j + 2], 16) >= 0) {
                    name.append((char) (Character.digit(bytes[j + 1], 16) * 16 + Character.digit(bytes[j + 2], 16)));
                    j += 3;
                } else {
                    name.append((char) bytes[j]);
                    j++;
                }
            }
            if (ACTIVE_KEYS.contains(name.toString()) || ACTIVE_ACTIONS.contains(name.toString())) {
                found.add(name.toString());
            }
            i = j - 1;
        }
    }

    private static boolean isNameByte(byte b) {
        return b > 0x20 && b < 0x7F && "/()<>[]{}%".indexOf(b) < 0;
    }

    private static void activeContent(PdfDictionary dictionary, Set<String> found) {
        if (dictionary == null) {
            return;
        }
        for (PdfName key : dictionary.getKeys()) {
            String name = PdfName.decodeName(key.toString());
            if (ACTIVE_KEYS.contains(name)) {
                found.add(name);
            }
        }
        PdfObject action = dictionary.get(PdfName.S);
        if (action != null && action.isName() && ACTIVE_ACTIONS.contains(PdfName.decodeName(action.toString()))) {
            found.add(PdfName.decodeName(action.toString()));
        }
    }

    private static ProblemException refused(String why) {
        return new ProblemException(Problem.of(REFUSED, "The attachment is refused: " + why,
                List.of(new Problem.Violation("body", why))));
    }
}
