package fr.bts.referential.casepackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The CFDocuments query grammar of the CASE 1.1 REST binding (getAllCFDocuments: limit, offset, sort, orderBy,
 * filter, fields), one row per rule, on records without a server.
 */
class CaseQueryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<ObjectNode> DOCS = List.of(
            doc("a", "Banana", "2", "Implemented", "2024-01-02T00:00:00Z", "NSF 314"),
            doc("b", "apple", "10", "Deprecated", "2023-05-01T00:00:00Z", "NSF 324"),
            doc("c", "Cherry", "1", "Implemented", "2025-03-04T00:00:00Z", null));

    static ObjectNode doc(String id, String title, String version, String status, String changed, String subject) {
        ObjectNode d = JSON.createObjectNode();
        d.put("identifier", id).put("title", title).put("version", version).put("adoptionStatus", status)
                .put("lastChangeDateTime", changed);
        if (subject != null) {
            d.putArray("subject").add(subject).add("Gestion");
        }
        return d;
    }

    static List<String> ids(String limit, String offset, String sort, String orderBy, String filter) {
        CaseQuery q = CaseQuery.parse(limit, offset, sort, orderBy, filter, null, 100, 1000);
        return q.page(q.select(DOCS)).stream().map(d -> d.get("identifier").asText()).toList();
    }

    static CaseException refused(String limit, String offset, String sort, String orderBy, String filter, String fields) {
        return assertThrows(CaseException.class, () -> CaseQuery.parse(limit, offset, sort, orderBy, filter, fields, 100, 1000));
    }

    @Test
    void defaultsKeepEverythingInTheServersOrder() {
        assertEquals(List.of("a", "b", "c"), ids(null, null, null, null, null));
    }

    @Test
    void limitAndOffsetCutThePageAndLimitIsCappedNotRefused() {
        assertEquals(List.of("a"), ids("1", null, null, null, null));
        assertEquals(List.of("b", "c"), ids("5", "1", null, null, null));
        assertEquals(List.of(), ids(null, "3", null, null, null));
        assertEquals(2, CaseQuery.parse("5000", null, null, null, null, null, 100, 2).limit());
    }

    @Test
    void sortIsCaseInsensitiveTextOrderAndNumericBetweenNumbers() {
        assertEquals(List.of("b", "a", "c"), ids(null, null, "title", null, null));
        assertEquals(List.of("c", "a", "b"), ids(null, null, "title", "desc", null));
        assertEquals(List.of("c", "a", "b"), ids(null, null, "version", "asc", null));
        assertEquals(List.of("b", "a", "c"), ids(null, null, "lastChangeDateTime", null, null));
        assertEquals(List.of("c", "b", "a"), ids(null, null, null, "desc", null));
    }

    @Test
    void filterPredicatesAsTheBindingLists() {
        assertEquals(List.of("a", "c"), ids(null, null, null, null, "adoptionStatus='implemented'"));
        assertEquals(List.of("b"), ids(null, null, null, null, "adoptionStatus!='Implemented'"));
        assertEquals(List.of("b"), ids(null, null, null, null, "title~'PPL'"));
        assertEquals(List.of("c"), ids(null, null, null, null, "lastChangeDateTime>'2025-01-01'"));
        assertEquals(List.of("a", "c"), ids(null, null, null, null, "lastChangeDateTime>='2024-01-02T00:00:00Z'"));
        assertEquals(List.of("b"), ids(null, null, null, null, "lastChangeDateTime<'2024'"));
        assertEquals(List.of("a", "b"), ids(null, null, null, null, "lastChangeDateTime<='2024-01-02T00:00:00Z'"));
        assertEquals(List.of("a"), ids(null, null, null, null, "adoptionStatus='Implemented' AND subject~'314'"));
        assertEquals(List.of("a", "b"), ids(null, null, null, null, "title='banana' OR title='APPLE'"));
        assertEquals(List.of("a", "b"), ids(null, null, null, null, "subject='gestion'"));
        assertEquals(List.of("c"), ids(null, null, null, null, "subject!='gestion'"));
        assertEquals(List.of("a"), ids(null, null, null, null, "title='it''s' OR title = 'Banana'"));
    }

    @Test
    void fieldsKeepOnlyTheNamedMembers() {
        CaseQuery q = CaseQuery.parse(null, null, null, null, null, "identifier, title", 100, 1000);
        assertEquals(List.of("identifier", "title"), List.copyOf(iterable(q.page(q.select(DOCS)).get(0))));
    }

    @Test
    void badValuesAreRefusedWithTheBindingsCodes() {
        assertEquals("limit", refused("0", null, null, null, null, null).fieldName());
        assertEquals("invalid_selection_field", refused("-1", null, null, null, null, null).codeMinor());
        assertEquals("limit", refused("1e3", null, null, null, null, null).fieldName());
        assertEquals("offset", refused(null, "-1", null, null, null, null).fieldName());
        assertEquals("offset", refused(null, "", null, null, null, null).fieldName());
        CaseException sort = refused(null, null, "subject", null, null, null);
        assertEquals("invalid_sort_field", sort.codeMinor());
        assertEquals(400, sort.status());
        assertEquals("orderBy", refused(null, null, "title", "DESC", null, null).fieldName());
        assertEquals("filter", refused(null, null, null, null, "colour='x'", null).fieldName());
        assertEquals("filter", refused(null, null, null, null, "title", null).fieldName());
        assertEquals("filter", refused(null, null, null, null, "title='a' AND title='b' OR title='c'", null).fieldName());
        assertEquals("filter", refused(null, null, null, null, "title='a' AND ", null).fieldName());
        assertEquals("fields", refused(null, null, null, null, null, "title,,identifier").fieldName());
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
