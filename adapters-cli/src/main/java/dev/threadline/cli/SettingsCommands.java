package dev.threadline.cli;

import dev.threadline.application.command.SetSetting;
import dev.threadline.application.command.UnsetSetting;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.result.CommandResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code settings set | get | unset | list}. */
@Command(name = "settings", description = "Global settings (dotted lowercase keys).")
final class SettingsCommands extends GroupCommand {

    @Command(name = "set", description = "Sets a setting.")
    static final class Set extends WriteCommand {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE")
        String value;

        @Override
        dev.threadline.application.command.Command command() {
            return new SetSetting(key, value);
        }

        @Override
        String describe(CommandResult result) {
            return "Set " + key + ".";
        }
    }

    @Command(name = "get", description = "Prints a setting's value; exit 1 when it is not set.")
    static final class Get extends StoreCommand {
        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        int run(Session session, Output output) {
            SettingView setting = session.queries()
                    .setting(key)
                    .orElseThrow(() -> CliFailure.refused("setting '" + key + "' is not set"));
            if (output.json()) {
                output.json(output.object()
                        .put("key", setting.key())
                        .put("value", setting.value())
                        .put("updatedAt", Output.text(setting.updatedAt())));
            } else {
                output.line(setting.value());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "unset", description = "Removes a setting.")
    static final class Unset extends WriteCommand {
        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        dev.threadline.application.command.Command command() {
            return new UnsetSetting(key);
        }

        @Override
        String describe(CommandResult result) {
            return "Unset " + key + ".";
        }
    }

    @Command(name = "list", description = "Lists every setting.")
    static final class ListSettings extends StoreCommand {
        @Override
        int run(Session session, Output output) {
            List<SettingView> settings = session.queries().settings();
            if (output.json()) {
                var node = output.object();
                var values = output.object();
                settings.forEach(setting -> values.put(setting.key(), setting.value()));
                node.set("settings", values);
                output.json(node);
                return ExitCode.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (SettingView setting : settings) {
                rows.add(List.of(setting.key(), Output.text(setting.updatedAt()), setting.value()));
            }
            output.table(List.of("KEY", "UPDATED", "VALUE"), rows);
            return ExitCode.OK;
        }
    }
}
