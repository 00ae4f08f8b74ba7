package fr.bts.dossier.service;

import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The new files of an import, stored as unordered {@code insertMany} commands of {@code dossier.imports.insert-batch}
 * files with up to {@code dossier.imports.insert-parallelism} of them in flight: while the store indexes and syncs
 * one batch, the next one is already on the wire. Each command has the write concern of every write (majority,
 * journaled), and the import answers only once every command is acknowledged, so its 2xx still means durable.
 * Unordered already allowed the files to be stored in any order; a refused file (its candidate number registered
 * meanwhile) is reported by its index in the whole list, as one {@code insertMany} would.
 */
@ApplicationScoped
class ImportInserts {

    @Inject
    DossierRepository dossiers;

    @Inject
    DossierConfig config;

    private ExecutorService inserters;

    @PostConstruct
    void start() {
        AtomicInteger count = new AtomicInteger();
        inserters = Executors.newFixedThreadPool(config.imports().insertParallelism(), task -> {
            Thread thread = new Thread(task, "import-insert-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        inserters.shutdownNow();
    }

    /** Inserts all; answers the indexes in {@code files} that were refused as duplicates. */
    Set<Integer> insertAll(List<DossierCandidat> files) {
        int batch = config.imports().insertBatch();
        if (files.size() <= batch) {
            return dossiers.insertAll(files);
        }
        List<Future<Set<Integer>>> sent = new ArrayList<>();
        for (int from = 0; from < files.size(); from += batch) {
            List<DossierCandidat> part = files.subList(from, Math.min(files.size(), from + batch));
            sent.add(inserters.submit(() -> dossiers.insertAll(part)));
        }
        Set<Integer> refused = new HashSet<>();
        RuntimeException failure = null;
        for (int i = 0; i < sent.size(); i++) {
            try {
                for (int index : sent.get(i).get()) {
                    refused.add(i * batch + index);
                }
            } catch (ExecutionException e) {
                failure = failure != null ? failure : unchecked(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted while storing an import", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return refused;
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
