package dev.threadline.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.InvalidInput;
import org.junit.jupiter.api.Test;

/** How a {@code --database} URL is read, and what a malformed one is told (no server needed). */
class PostgresLocationTest {

    @Test
    void a_url_names_its_host_port_database_user_password_and_schema() {
        PostgresLocation location = PostgresLocation.parse("postgresql://ann:p%40ss@db.example:6543/log?schema=tl");

        assertThat(location.host()).isEqualTo("db.example");
        assertThat(location.port()).isEqualTo(6543);
        assertThat(location.database()).isEqualTo("log");
        assertThat(location.user()).isEqualTo("ann");
        assertThat(location.password()).isEqualTo("p@ss");
        assertThat(location.schema()).isEqualTo("tl");
    }

    @Test
    void a_port_that_is_no_number_is_named_as_the_fault_not_the_host() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://ann:s3cret@127.0.0.1:abc/log"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("the database URL's port 'abc' is not a number")
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void an_unescaped_at_sign_in_the_password_is_named_without_showing_the_password() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://ann:s3@cret@127.0.0.1:5432/log"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("holds an '@'; write it as %40")
                .message()
                .doesNotContain("s3@cret")
                .doesNotContain("cret");
    }

    @Test
    void a_host_name_that_is_not_one_is_named() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://ann:s3cret@db_server:5432/log"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("the database URL's host 'db_server' is not a valid host name")
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void a_url_without_a_host_still_says_so() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql:///log"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("the database URL names no host");
    }
}
