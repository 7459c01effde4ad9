package dev.threadline.application.port;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A deterministic {@link IdSource} for tests: 00000000-0000-7000-8000-000000000001, then 2, 3 … */
public final class CountingIds implements IdSource {

    private final AtomicLong next = new AtomicLong();

    @Override
    public UUID next() {
        return new UUID(0x7000L, 0x8000_0000_0000_0000L | next.incrementAndGet());
    }
}
