package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every behaviour of {@link ProjectorPositions}. */
public abstract class ProjectorPositionsContract extends StorageContract {

    private ProjectorPositions positions() {
        return storage.projections().positions();
    }

    @Test
    void an_unknown_projector_stands_at_zero() {
        assertThat(positions().position("read-models")).isZero();
    }

    @Test
    void a_set_position_reads_back_inside_and_after_its_transaction_per_projector() {
        inTransaction(() -> {
            positions().setPosition("read-models", 7);
            positions().setPosition("other", 3);
            assertThat(positions().position("read-models")).isEqualTo(7);
        });

        assertThat(positions().position("read-models")).isEqualTo(7);
        assertThat(positions().position("other")).isEqualTo(3);
    }

    @Test
    void a_rolled_back_position_is_forgotten() {
        inTransaction(() -> positions().setPosition("read-models", 7));

        assertThatThrownBy(() -> inTransaction(() -> {
                    positions().setPosition("read-models", 50);
                    throw new IllegalStateException("roll back");
                }))
                .hasMessage("roll back");

        assertThat(positions().position("read-models")).isEqualTo(7);
    }

    @Test
    void a_position_read_inside_a_write_transaction_stays_true_until_it_commits() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> inTransaction(() -> {
            long read = positions().position("read-models");
            inside.countDown();
            await(release);
            long again = positions().position("read-models");
            positions().setPosition("read-models", read + 10);
            return again;
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> inTransaction(() -> {
            long read = positions().position("read-models");
            positions().setPosition("read-models", read + 1);
            return read;
        }));
        Thread.sleep(100); // the second writer waits for the first
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(positions().position("read-models")).isEqualTo(11);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
