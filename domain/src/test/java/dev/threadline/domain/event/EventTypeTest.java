package dev.threadline.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void every_permitted_event_class_has_exactly_one_type_name() {
        List<Class<?>> permitted = List.of(Event.class.getPermittedSubclasses());

        for (Class<?> eventClass : permitted) {
            assertThat(Arrays.stream(EventType.values()).filter(t -> t.eventClass() == eventClass))
                    .as("type names declared for %s", eventClass.getSimpleName())
                    .hasSize(1);
        }
        assertThat(EventType.values()).hasSameSizeAs(permitted.toArray());
    }

    @Test
    void type_names_are_unique_and_resolve_back_to_their_type() {
        for (EventType type : EventType.values()) {
            assertThat(EventType.named(type.typeName())).contains(type);
        }
        assertThat(Arrays.stream(EventType.values()).map(EventType::typeName).distinct())
                .hasSize(EventType.values().length);
    }

    @Test
    void every_sample_event_reports_its_declared_type() {
        for (EventType type : EventType.values()) {
            Event event = SampleEvents.of(type);
            assertThat(EventType.of(event)).isEqualTo(type);
            assertThat(event.typeName()).isEqualTo(type.typeName());
        }
    }

    @Test
    void an_unknown_type_name_resolves_to_nothing() {
        assertThat(EventType.named("ProjectExploded")).isEmpty();
    }
}
