package dev.threadline.application.port;

import java.nio.file.Path;

class PlainArchiveFilesTest extends ArchiveFilesContract {

    @Override
    protected ArchiveFiles files(Path dataDirectory) {
        return new PlainArchiveFiles(dataDirectory);
    }
}
