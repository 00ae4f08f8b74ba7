package fr.bts.referential.casepackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /ims/case/v1p1/CFDocuments} (getAllCFDocuments) as the 1EdTech CASE 1.1
 * REST/JSON binding defines them (https://www.imsglobal.org/sites/default/files/spec/case/v1p1/rest_binding/caseservicev1p1_restbindv1p0.html,
 * operation getAllCFDocuments, and its OpenAPI file imscasev1p1_openapi3_v1p0.json; the binding reuses the 1EdTech
 * conventions of OneRoster 1.1's binding for paging, sorting, filtering and field selection):
 * <ul>
 *   <li>{@code limit} — how many records at most (a positive integer, default 100), {@code offset} — the index of
 *       the first one (zero-based, default 0); the total goes in {@code X-Total-Count}, the pages in {@code Link}
 *       ({@code first}, {@code prev}, {@code next}, {@code last});</li>
 *   <li>{@code sort} — the name of the data field to sort on, {@code orderBy} — {@code asc} (default) or
 *       {@code desc};</li>
 *   <li>{@code filter} — {@code <field><predicate>'<value>'}, predicates {@code = != > >= < <= ~} ({@code ~}:
 *       contains), several joined by {@code  AND } or by {@code  OR } (one kind of logical operator per filter, as the
 *       binding's grammar has no grouping); string comparison is case-insensitive; a multi-valued field
 *       ({@code subject}) matches when one of its values does;</li>
 *   <li>{@code fields} — a comma-separated list of the fields to keep in each record.</li>
 * </ul>
 * A value this service cannot apply is refused with 400 and the binding's {@code imsx_codeMinor}
 * ({@code invalid_selection_field} for limit/offset/filter/fields, {@code invalid_sort_field} for sort/orderBy),
 * never ignored: a client asking for one record and getting all of them would not notice. How other servers read
 * the same grammar was checked against two public implementations (cassproject/CASS, infosign/compeito).
 */
public record CaseQuery(int limit, int offset, String sort, boolean descending, List<Predicate> filter,
                        boolean anyOf, List<String> fields) {

    /** The data fields of a CFDocument that {@code sort}, {@code filter} and {@code fields} may name. */
    public static final Set<String> SCALAR_FIELDS = Set.of("identifier", "uri", "frameworkType", "caseVersion", "creator",
            "title", "lastChangeDateTime", "officialSourceURL", "publisher", "description", "language", "version",
            "adoptionStatus", "statusStartDate", "statusEndDate", "notes");
    private static final Set<String> LIST_FIELDS = Set.of("subject");
    private static final Set<String> OBJECT_FIELDS = Set.of("CFPackageURI", "licenseURI", "subjectURI", "extensions");
    private static final Pattern PREDICATE = Pattern.compile("\\s*([A-Za-z]+)\\s*(!=|>=|<=|=|>|<|~)\\s*'(.*)'\\s*",
            Pattern.DOTALL);
    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");

    /** One {@code <field><predicate>'<value>'} of a filter. */
    public record Predicate(String field, String operator, String value) {

        boolean test(JsonNode record) {
            JsonNode node = record.get(field);
            if (node == null || node.isNull()) {
                return operator.equals("!=");
            }
            if (node.isArray()) {
                for (JsonNode value : node) {
                    if (compare(value.asText())) {
                        return !operator.equals("!=");
                    }
                }
                return operator.equals("!=");
            }
            return operator.equals("!=") ? !compare(node.asText()) : compare(node.asText());
        }

        private boolean compare(String actual) {
            String a = actual.toLowerCase(Locale.ROOT);
            String v = value.toLowerCase(Locale.ROOT);
            return switch (operator) {
                case "=", "!=" -> a.equals(v);
                case "~" -> a.contains(v);
                case ">" -> a.compareTo(v) > 0;
                case ">=" -> a.compareTo(v) >= 0;
                case "<" -> a.compareTo(v) < 0;
                case "<=" -> a.compareTo(v) <= 0;
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    /**
     * Parses the raw parameters (each may be null: absent). {@code maxLimit} caps {@code limit}: a larger one is
     * served as {@code maxLimit} records (the {@code Link} header then names the limit applied).
     */
    public static CaseQuery parse(String limit, String offset, String sort, String orderBy, String filter,
                                  String fields, int defaultLimit, int maxLimit) {
        int l = integer("limit", limit, defaultLimit);
        if (l < 1) {
            throw CaseException.badSelection("limit", "limit must be a positive integer: " + limit);
        }
        int o = integer("offset", offset, 0);
        if (sort != null && !SCALAR_FIELDS.contains(sort)) {
            throw CaseException.badSort("sort", "sort must name a data field of a CFDocument " + sorted(SCALAR_FIELDS)
                    + ": " + sort);
        }
        boolean descending = false;
        if (orderBy != null) {
            if (!orderBy.equals("asc") && !orderBy.equals("desc")) {
                throw CaseException.badSort("orderBy", "orderBy must be asc or desc: " + orderBy);
            }
            descending = orderBy.equals("desc");
        }
        List<Predicate> predicates = new ArrayList<>();
        boolean anyOf = false;
        if (filter != null) {
            boolean and = filter.contains(" AND ");
            anyOf = filter.contains(" OR ");
            if (and && anyOf) {
                throw CaseException.badSelection("filter", "a filter joins its predicates with AND or with OR, not both: "
                        + filter);
            }
            for (String part : filter.split(anyOf ? " OR " : " AND ", -1)) {
                Matcher m = PREDICATE.matcher(part);
                if (!m.matches()) {
                    throw CaseException.badSelection("filter", "a filter is <field><predicate>'<value>' with predicate one"
                            + " of = != > >= < <= ~, joined by AND or OR: " + filter);
                }
                String field = m.group(1);
                if (!SCALAR_FIELDS.contains(field) && !LIST_FIELDS.contains(field)) {
                    throw CaseException.badSelection("filter", "filter names no data field of a CFDocument: " + field);
                }
                predicates.add(new Predicate(field, m.group(2), m.group(3)));
            }
        }
        List<String> selected = null;
        if (fields != null) {
            Set<String> names = new LinkedHashSet<>();
            for (String f : fields.split(",", -1)) {
                String name = f.trim();
                if (!SCALAR_FIELDS.contains(name) && !LIST_FIELDS.contains(name) && !OBJECT_FIELDS.contains(name)) {
                    throw CaseException.badSelection("fields", "fields names no field of a CFDocument: " + name);
                }
                names.add(name);
            }
            selected = List.copyOf(names);
        }
        return new CaseQuery(Math.min(l, maxLimit), o, sort, descending, List.copyOf(predicates), anyOf, selected);
    }

    /** The records {@code all} (in their default order) keeps, sorted; paging is {@link #page}. */
    public List<ObjectNode> select(List<ObjectNode> all) {
        List<ObjectNode> kept = new ArrayList<>();
        for (ObjectNode record : all) {
            if (matches(record)) {
                kept.add(record);
            }
        }
        if (sort != null) {
            Comparator<ObjectNode> order = (a, b) -> compareValues(sortKey(a.get(sort)), sortKey(b.get(sort)));
            kept.sort(descending ? order.reversed() : order);
        } else if (descending) {
            java.util.Collections.reverse(kept);
        }
        return kept;
    }

    /** The page of {@code selected} this query asks for, each record cut to {@link #fields} when given. */
    public List<ObjectNode> page(List<ObjectNode> selected) {
        List<ObjectNode> page = new ArrayList<>();
        for (int i = offset; i < selected.size() && i < (long) offset + limit; i++) {
            ObjectNode record = selected.get(i);
            if (fields == null) {
                page.add(record);
            } else {
                ObjectNode cut = record.objectNode();
                fields.forEach(f -> {
                    if (record.has(f)) {
                        cut.set(f, record.get(f));
                    }
                });
                page.add(cut);
            }
        }
        return page;
    }

    private boolean matches(JsonNode record) {
        if (filter.isEmpty()) {
            return true;
        }
        for (Predicate p : filter) {
            boolean hit = p.test(record);
            if (anyOf && hit) {
                return true;
            }
            if (!anyOf && !hit) {
                return false;
            }
        }
        return !anyOf;
    }

    /** Text order, except between two integers (version numbers), compared as numbers. */
    private static int compareValues(String a, String b) {
        if (INTEGER.matcher(a).matches() && INTEGER.matcher(b).matches()) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return a.compareTo(b);
    }

    private static String sortKey(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asText().toLowerCase(Locale.ROOT);
    }

    private static int integer(String name, String raw, int absent) {
        if (raw == null) {
            return absent;
        }
        if (!INTEGER.matcher(raw).matches()) {
            throw CaseException.badSelection(name, name + " must be a non-negative integer below 10^9: " + raw);
        }
        return Integer.parseInt(raw);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
