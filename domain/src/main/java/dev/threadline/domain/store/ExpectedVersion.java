package dev.threadline.domain.store;

/** What a writer believes about a stream's current version when it appends to it. */
public sealed interface ExpectedVersion {

    /** No expectation: append after whatever is there. */
    ExpectedVersion ANY = new Any();

    /** The stream must not exist yet. */
    ExpectedVersion NO_STREAM = new NoStream();

    /** The stream's last event must have exactly this 0-based version. */
    static ExpectedVersion exactly(long version) {
        return new Exactly(version);
    }

    /**
     * Whether a stream whose last version is {@code current} (-1 when it has no event) meets it.
     */
    boolean isMetBy(long current);

    /** No expectation. */
    record Any() implements ExpectedVersion {
        @Override
        public boolean isMetBy(long current) {
            return true;
        }

        @Override
        public String toString() {
            return "any version";
        }
    }

    /** The stream must be empty. */
    record NoStream() implements ExpectedVersion {
        @Override
        public boolean isMetBy(long current) {
            return current < 0;
        }

        @Override
        public String toString() {
            return "no stream";
        }
    }

    /**
     * The stream's last version must be this one.
     *
     * @param version 0-based version of the stream's last event
     */
    record Exactly(long version) implements ExpectedVersion {

        /** Checks that the version is not negative. */
        public Exactly {
            if (version < 0) {
                throw new IllegalArgumentException("an expected version is 0 or more, not " + version);
            }
        }

        @Override
        public boolean isMetBy(long current) {
            return current == version;
        }

        @Override
        public String toString() {
            return "version " + version;
        }
    }
}
