package dev.threadline.application.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.threadline.application.readmodel.SettingView;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.SettingChanged;
import org.junit.jupiter.api.Test;

public class SettingCommandsTest extends CommandFixture {

    @Test
    void setting_a_key_stores_setting_changed_and_shows_the_value() {
        store.execute(new SetSetting("ui.theme", "dark"));

        Event event = eventsAfter(0).get(0);
        assertThat(event).isEqualTo(new SettingChanged("ui.theme", "dark", event.at()));
        assertThat(store.queries().settings())
                .extracting(SettingView::key, SettingView::value, SettingView::updatedAt)
                .containsExactly(tuple("ui.theme", "dark", event.at()));
        assertProjectionsClean();
    }

    @Test
    void setting_a_key_again_overwrites_its_value() {
        store.execute(new SetSetting("ui.theme", "dark"));
        store.execute(new SetSetting("agent.max_turns", "5"));

        store.execute(new SetSetting("ui.theme", "light"));

        assertThat(store.queries().settings())
                .extracting(SettingView::key, SettingView::value)
                .containsExactly(tuple("agent.max_turns", "5"), tuple("ui.theme", "light"));
        assertThat(store.queries().setting("ui.theme"))
                .map(SettingView::updatedAt)
                .contains(eventsAfter(2).get(0).at());
        assertProjectionsClean();
    }

    @Test
    void unsetting_a_key_removes_it() {
        store.execute(new SetSetting("ui.theme", "dark"));
        store.execute(new SetSetting("x-y.z1", "1"));

        store.execute(new UnsetSetting("ui.theme"));

        Event event = eventsAfter(2).get(0);
        assertThat(event).isEqualTo(new SettingChanged("ui.theme", null, event.at()));
        assertThat(store.queries().settings()).extracting(SettingView::key).containsExactly("x-y.z1");
        assertThat(store.queries().setting("ui.theme")).isEmpty();
        assertProjectionsClean();
    }

    @Test
    void a_setting_key_that_is_not_dotted_lowercase_is_refused() {
        assertRefused(new SetSetting("Ui.theme", "dark"), "setting-key-format");
        assertRefused(new SetSetting("a..b", "dark"), "setting-key-format");
        assertRefused(new SetSetting("", "dark"), "setting-key-format");
        assertRefused(new UnsetSetting("a b"), "setting-key-format");
    }

    @Test
    void unsetting_a_missing_setting_is_not_found() {
        assertRefused(new UnsetSetting("ui.theme"), NotFound.class);

        store.execute(new SetSetting("ui.theme", "dark"));
        store.execute(new UnsetSetting("ui.theme"));

        assertRefused(new UnsetSetting("ui.theme"), NotFound.class);
    }
}
