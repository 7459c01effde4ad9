package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** threadline-bom manages every artifact the build publishes, so that a new module is not forgotten there. */
class BomListsEveryModuleTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void the_bom_manages_every_module_of_the_build_at_its_version() throws Exception {
        Document parent = parse(ROOT.resolve("pom.xml"));
        Document bom = parse(ROOT.resolve("bom/pom.xml"));
        List<String> published = new ArrayList<>();
        for (String module : texts(child(parent.getDocumentElement(), "modules"), "module")) {
            Element pom = parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
            if (!"pom".equals(text(pom, "packaging"))) {
                published.add(text(pom, "artifactId"));
            }
        }
        Element managed = child(child(bom.getDocumentElement(), "dependencyManagement"), "dependencies");
        List<String> listed = new ArrayList<>();
        for (Element dependency : children(managed, "dependency")) {
            listed.add(text(dependency, "artifactId"));
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
        }

        assertThat(published).isNotEmpty();
        assertThat(listed).containsAll(published);
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
        assertThat(child(bom.getDocumentElement(), "parent"))
                .as("the BOM has no parent")
                .isNull();
    }

    private static Document parse(Path pom) throws Exception {
        assertThat(pom).exists();
        try (var in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Node node = child(parent, name);
        return node == null ? null : node.getTextContent().strip();
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream()
                .map(Node::getTextContent)
                .map(String::strip)
                .toList();
    }
}
