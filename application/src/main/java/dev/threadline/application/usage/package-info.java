/** Where a store's bytes are: its size, free space, tables, and the threads and projects that take most. */
package dev.threadline.application.usage;
