package dev.codestory.gitops.enrich;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.fabric8.kubernetes.api.builder.Visitor;
import io.fabric8.kubernetes.api.builder.VisitorListener;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two enrichers making their first visit at once, on a JVM where fabric8 has not loaded its visitor listeners
 * yet: the interleaving that broke parallel generation. Both threads find the listeners unloaded; one loads them
 * and iterates over them; the other, let into fabric8's loading after it, adds to the set during that iteration.
 * Without {@link BuilderVisitor#loadListeners()} every run of this test failed with a
 * ConcurrentModificationException (in its first rounds); a slow listener widens the window to make that so.
 */
class ParallelVisitsTest {

    private static final int ROUNDS = 20;

    private final Set<VisitorListener> savedListeners = Set.copyOf(VisitorListener.listeners);
    private final boolean savedLoaded = VisitorListener.loaded.get();

    /** fabric8's listeners are global: each round starts from none loaded, and the test puts them back after. */
    private static void unloadFabric8sListeners() {
        VisitorListener.listeners.clear();
        VisitorListener.loaded.set(false);
    }

    @AfterEach
    void restoreFabric8sListeners() {
        VisitorListener.listeners.clear();
        VisitorListener.listeners.addAll(savedListeners);
        VisitorListener.loaded.set(savedLoaded);
    }

    @Test
    void twoFirstVisitsAtOnceBothSucceed() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                unloadFabric8sListeners();
                VisitorListener.listeners.add(new Slow());
                List<Future<?>> visits = new ArrayList<>();
                List<Thread> visitors = new CopyOnWriteArrayList<>();
                CountDownLatch started = new CountDownLatch(2);
                // fabric8 loads its listeners under a lock on this flag: holding it makes both visitors find them
                // unloaded and wait; letting go lets one load them and start visiting while the other gets in
                synchronized (VisitorListener.loaded) {
                    for (int i = 0; i < 2; i++) {
                        visits.add(threads.submit(() -> {
                            visitors.add(Thread.currentThread());
                            started.countDown();
                            new WellKnownLabels().enrich(deployments());
                        }));
                    }
                    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
                    waitUntilBlocked(visitors);
                }
                for (Future<?> visit : visits) {
                    visit.get(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static KubernetesListBuilder deployments() {
        KubernetesListBuilder list = new KubernetesListBuilder();
        for (int i = 0; i < 3; i++) {
            list.addToItems(new DeploymentBuilder().withNewMetadata().withName("app-" + i).endMetadata().build());
        }
        return list;
    }

    /** Until each visitor waits for a lock held by this thread (fabric8's) or by the other visitor. */
    private static void waitUntilBlocked(List<Thread> visitors) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> holders = new ArrayList<>(List.of(Thread.currentThread().getId()));
        visitors.forEach(visitor -> holders.add(visitor.getId()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!visitors.stream().allMatch(visitor -> {
            ThreadInfo info = threads.getThreadInfo(visitor.getId());
            return info != null && info.getThreadState() == Thread.State.BLOCKED
                    && holders.contains(info.getLockOwnerId()) && info.getLockOwnerId() != visitor.getId();
        })) {
            assertThat(System.nanoTime()).as("both visitors waiting to load fabric8's listeners").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /**
     * A listener first in iteration order (hash code 0), and slow: a visitor iterating over the listeners stays
     * in the middle of the set for a while at every node, as a visitor of large objects does.
     */
    private static final class Slow implements VisitorListener {
        @Override
        public <T> void beforeVisit(Visitor<T> visitor, List<Map.Entry<String, Object>> path, T target) {
            LockSupport.parkNanos(100_000);
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }
    }
}
