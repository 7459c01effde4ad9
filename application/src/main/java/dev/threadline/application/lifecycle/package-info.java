/**
 * The store's lifecycle: purging threads with their archive first, the retention sweep, and the
 * quarantine of rows that cannot be decoded. Every removal from the log goes through one path, in
 * one transaction with the store event that records it.
 */
package dev.threadline.application.lifecycle;
