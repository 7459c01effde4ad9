package dev.threadline.application.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void days_hours_dates_and_instants_name_a_cutoff() {
        assertThat(RetentionPolicy.cutoff("30d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(RetentionPolicy.cutoff("12h", NOW)).isEqualTo(NOW.minus(Duration.ofHours(12)));
        assertThat(RetentionPolicy.cutoff("2026-11-01", NOW)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(RetentionPolicy.cutoff("2026-11-01T08:30:00Z", NOW))
                .isEqualTo(Instant.parse("2026-11-01T08:30:00Z"));
    }

    @Test
    void a_malformed_age_is_invalid_input_naming_the_accepted_forms() {
        for (String age : new String[] {"", "30", "d", "30 days", "-3d", "12m", "2026-13-01", "soon"}) {
            assertThatThrownBy(() -> RetentionPolicy.cutoff(age, NOW))
                    .as(age)
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("30d");
        }
    }

    @Test
    void a_policy_without_any_cutoff_is_invalid() {
        assertThatThrownBy(() -> new RetentionPolicy(null, null)).isInstanceOf(InvalidInput.class);
    }
}
