package dev.threadline.git;

import dev.threadline.domain.error.StorageFailure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One project's snapshots are worked on by one caller at a time: a lock per project inside this
 * process, and an operating-system lock on a file beside the shadow repository across processes
 * (released by the system when a process dies, so a killed process never leaves it held).
 */
final class ProjectLock {

    /** A held lock; closing it releases both levels. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final ConcurrentMap<String, ReentrantLock> local = new ConcurrentHashMap<>();

    Held acquire(Path lockFile) {
        ReentrantLock inProcess = local.computeIfAbsent(lockFile.toString(), key -> new ReentrantLock());
        inProcess.lock();
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
                fileLock = channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return () -> {
                try (channel) {
                    fileLock.release();
                } catch (IOException e) {
                    throw new StorageFailure(StorageFailure.Reason.FAILED, "could not release the lock " + lockFile, e);
                } finally {
                    inProcess.unlock();
                }
            };
        } catch (IOException e) {
            inProcess.unlock();
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE, "could not lock the checkpoint repository at " + lockFile, e);
        } catch (RuntimeException e) {
            inProcess.unlock();
            throw e;
        }
    }
}
