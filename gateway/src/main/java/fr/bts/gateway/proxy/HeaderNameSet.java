package fr.bts.gateway.proxy;

import io.netty.util.AsciiString;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A fixed set of header names looked up ignoring case, without a lower-cased copy of the name looked up and
 * without a tree walk of case-insensitive comparisons: the name's case-insensitive hash (the one Netty's header
 * maps use) picks a bucket of one or two names, compared ignoring case.
 */
final class HeaderNameSet {

    private static final HeaderNameSet EMPTY = new HeaderNameSet(List.of());

    private final String[][] buckets;
    private final int mask;

    private HeaderNameSet(Collection<String> names) {
        int size = Integer.highestOneBit(Math.max(1, names.size()) * 4 - 1) << 1;
        List<List<String>> lists = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            lists.add(new ArrayList<>(2));
        }
        for (String name : names) {
            if (!contains(lists.get(AsciiString.hashCode(name) & (size - 1)), name)) {
                lists.get(AsciiString.hashCode(name) & (size - 1)).add(name);
            }
        }
        this.buckets = new String[size][];
        for (int i = 0; i < size; i++) {
            buckets[i] = lists.get(i).isEmpty() ? null : lists.get(i).toArray(String[]::new);
        }
        this.mask = size - 1;
    }

    @SafeVarargs
    static HeaderNameSet of(Collection<String>... names) {
        List<String> all = new ArrayList<>();
        for (Collection<String> some : names) {
            all.addAll(some);
        }
        return all.isEmpty() ? EMPTY : new HeaderNameSet(all);
    }

    boolean contains(CharSequence name) {
        String[] bucket = buckets[AsciiString.hashCode(name) & mask];
        if (bucket == null) {
            return false;
        }
        for (String candidate : bucket) {
            if (AsciiString.contentEqualsIgnoreCase(candidate, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<String> bucket, String name) {
        for (String candidate : bucket) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
