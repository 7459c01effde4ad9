package dev.threadline.domain.error;

/** A stream was not at the version a writer expected: someone else wrote to it first. */
public final class VersionConflict extends ThreadlineException {

    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long actualVersion;

    /**
     * @param streamId the stream
     * @param expected what the writer expected, in words
     * @param actualVersion the stream's last version, -1 when it has no event
     */
    public VersionConflict(String streamId, Object expected, long actualVersion) {
        super(
                "stream " + streamId + " is at "
                        + (actualVersion < 0 ? "no version (it has no events)" : "version " + actualVersion)
                        + ", but the writer expected " + expected,
                null);
        this.streamId = streamId;
        this.actualVersion = actualVersion;
    }

    /** The stream in conflict. */
    public String streamId() {
        return streamId;
    }

    /** The stream's last version when the conflict was found, -1 when it had no event. */
    public long actualVersion() {
        return actualVersion;
    }

    @Override
    public Category category() {
        return Category.REFUSED;
    }
}
