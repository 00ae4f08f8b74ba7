package fr.bts.dossier.service;

import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inserts of an import, on {@code dossier.imports.insert-parallelism} threads shared by every import of the
 * instance: the new files go in unordered {@code insertMany} commands of {@code dossier.imports.insert-batch} files,
 * several in flight, so that the store indexes and syncs one batch while the next one is already on the wire
 * ({@link #insertAll}), in the order of their ids. Each command has the write concern of every write (majority,
 * journaled) and the import answers only once every command is acknowledged, so its 2xx still means durable.
 * Unordered already allowed the files to be stored in any order; a refused file (its candidate number already
 * registered) is reported by its index in the whole list, as one {@code insertMany} would.
 */
@ApplicationScoped
class ImportStore {

    @Inject
    DossierRepository dossiers;

    @Inject
    DossierConfig config;

    private ExecutorService workers;

    @PostConstruct
    void start() {
        AtomicInteger count = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.imports().insertParallelism(), task -> {
            Thread thread = new Thread(task, "import-store-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Inserts all; answers the indexes in {@code files} that were refused as duplicates. */
    Set<Integer> insertAll(List<DossierCandidat> files) {
        // in _id order: the store keeps documents and its primary index sorted by _id, and the ids of an import are
        // name-based UUIDs (random order), so rows in their own order would land all over both trees
        Integer[] order = new Integer[files.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> files.get(i).id));
        List<DossierCandidat> sorted = new ArrayList<>(files.size());
        for (int i : order) {
            sorted.add(files.get(i));
        }
        Set<Integer> refused = new HashSet<>();
        for (int index : inBatches(sorted)) {
            refused.add(order[index]);
        }
        return refused;
    }

    private Set<Integer> inBatches(List<DossierCandidat> files) {
        int batch = config.imports().insertBatch();
        if (files.size() <= batch) {
            return dossiers.insertAll(files);
        }
        List<Future<Set<Integer>>> sent = new ArrayList<>();
        for (int from = 0; from < files.size(); from += batch) {
            List<DossierCandidat> part = files.subList(from, Math.min(files.size(), from + batch));
            sent.add(workers.submit((Callable<Set<Integer>>) () -> dossiers.insertAll(part)));
        }
        Set<Integer> refused = new HashSet<>();
        RuntimeException failure = null;
        for (int i = 0; i < sent.size(); i++) {
            try {
                for (int index : await(sent.get(i))) {
                    refused.add(i * batch + index);
                }
            } catch (RuntimeException e) {
                failure = failure != null ? failure : e;   // every command is awaited before the import answers
            }
        }
        if (failure != null) {
            throw failure;
        }
        return refused;
    }

    /** The result of work started here, or the exception it threw (a MongoDB outage stays a MongoDB exception). */
    static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing an import", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
