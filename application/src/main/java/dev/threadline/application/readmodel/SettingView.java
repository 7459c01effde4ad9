package dev.threadline.application.readmodel;

import java.time.Instant;

/**
 * A global setting.
 *
 * @param key its dotted lowercase key
 * @param value its value
 * @param updatedAt when it was last set
 */
public record SettingView(String key, String value, Instant updatedAt) {}
