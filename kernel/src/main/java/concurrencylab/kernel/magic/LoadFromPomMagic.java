package concurrencylab.kernel.magic;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IJava's {@code %%loadFromPOM}: the dependencies of a POM in the cell, resolved with their transitive
 * dependencies by {@link MavenResolver} (as {@code %maven} is) and added to the class path. The cell may
 * hold a whole {@code <project>}, or the fragments a library's README shows: loose {@code <dependency>}
 * and {@code <repository>} elements, {@code <dependencies>}, {@code <repositories>}, {@code <properties>},
 * which are put together into a POM. {@code %loadFromPOM PATH} reads a POM file. Either takes the scopes
 * to load, by default those of a run-time class path: compile, runtime, system and import.
 *
 * <pre>{@code
 * %%loadFromPOM
 * <dependency>
 *   <groupId>org.apache.commons</groupId>
 *   <artifactId>commons-text</artifactId>
 *   <version>1.12.0</version>
 * </dependency>
 * }</pre>
 */
final class LoadFromPomMagic implements Magic {
    private static final List<String> DEFAULT_SCOPES = List.of("compile", "runtime", "system", "import");
    private static final Set<String> SCOPES = Set.of("compile", "runtime", "system", "import", "provided", "test");
    private static final Pattern XML_DECLARATION = Pattern.compile("^\\s*<\\?xml[^>]*\\?>");

    private final MavenResolver maven;

    LoadFromPomMagic(MavenResolver maven) {
        this.maven = maven;
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("%loadFromPOM PATH [SCOPE...]", "add the dependencies of a POM file"),
                new Usage("%%loadFromPOM [SCOPE...]", "add the dependencies of the POM, or <dependency> elements, in the cell"));
    }

    @Override
    public Object line(MagicLine magic, MagicContext context) throws IOException {
        if (magic.args().isEmpty()) {
            throw magic.malformed("%" + magic.name() + " needs the path of a POM file; for a POM in the cell, make %%loadFromPOM its first line");
        }
        Path pom = Path.of(magic.args().getFirst());
        String xml;
        try {
            xml = Files.readString(pom, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MagicException("%" + magic.name() + ": no file '" + pom + "' (in " + Path.of("").toAbsolutePath() + ")");
        }
        return load(xml, scopes(magic, magic.args().subList(1, magic.args().size())), "%" + magic.name() + " " + pom, context);
    }

    @Override
    public Object cell(MagicLine magic, String body, MagicContext context) {
        if (body.isBlank()) throw magic.malformed("the cell has no POM: put <dependency> elements (or a <project>) under %%" + magic.name());
        return load(completePom(body, "%%" + magic.name()), scopes(magic, magic.args()), "%%" + magic.name(), context);
    }

    private Object load(String pomXml, List<String> scopes, String what, MagicContext context) {
        List<Path> jars = maven.resolvePom(pomXml, scopes, what);
        for (Path jar : jars) context.addToClasspath(jar.toString());
        return Magic.print(MavenMagic.addedJars(jars));
    }

    private static List<String> scopes(MagicLine magic, List<String> given) {
        for (String s : given) {
            if (!SCOPES.contains(s)) throw magic.malformed("'" + s + "' is not a Maven scope (compile, runtime, system, import, provided, test)");
        }
        return given.isEmpty() ? DEFAULT_SCOPES : List.copyOf(given);
    }

    /**
     * The POM the cell means: a {@code <project>} as written; fragments put into one, with the
     * coordinates a POM must have filled in. As IJava does, loose {@code <dependency>} and
     * {@code <repository>} elements join those inside {@code <dependencies>} and {@code <repositories>}.
     */
    static String completePom(String body, String magic) {
        String xml = XML_DECLARATION.matcher(body).replaceFirst("");
        Document fragments = parse("<fragments>" + xml + "</fragments>", magic);
        List<Element> elements = children(fragments.getDocumentElement());
        if (elements.size() == 1 && elements.getFirst().getTagName().equals("project")) return xml;
        Document pom = newBuilder().newDocument();
        Element project = pom.createElement("project");
        pom.appendChild(project);
        Element dependencies = pom.createElement("dependencies");
        Element repositories = pom.createElement("repositories");
        List<String> given = new ArrayList<>();
        for (Element e : elements) {
            String tag = e.getTagName();
            switch (tag) {
                case "project" -> throw new MagicException(magic + ": a <project> must be the only element in the cell");
                case "dependency" -> dependencies.appendChild(pom.importNode(e, true));
                case "repository" -> repositories.appendChild(pom.importNode(e, true));
                case "dependencies", "repositories" -> {
                    Element into = tag.equals("dependencies") ? dependencies : repositories;
                    for (Element child : children(e)) into.appendChild(pom.importNode(child, true));
                }
                default -> {
                    given.add(tag);
                    project.appendChild(pom.importNode(e, true));
                }
            }
        }
        fill(pom, project, given, "modelVersion", "4.0.0");
        fill(pom, project, given, "groupId", "notebook");
        fill(pom, project, given, "artifactId", "cell");
        fill(pom, project, given, "version", "1");
        project.appendChild(dependencies);
        project.appendChild(repositories);
        return write(pom);
    }

    private static void fill(Document pom, Element project, List<String> given, String tag, String value) {
        if (given.contains(tag)) return;
        Element e = pom.createElement(tag);
        e.setTextContent(value);
        project.insertBefore(e, project.getFirstChild());
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static DocumentBuilder newBuilder() {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be set up", e);
        }
    }

    private static Document parse(String xml, String magic) {
        DocumentBuilder builder = newBuilder();
        builder.setErrorHandler(null); // errors are thrown, not also printed
        try {
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new MagicException(magic + ": the cell is not well-formed XML (line " + e.getLineNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new MagicException(magic + ": the cell is not well-formed XML: " + e.getMessage());
        }
    }

    private static String write(Document pom) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            var out = new StringWriter();
            transformer.transform(new DOMSource(pom), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the POM put together from the cell", e);
        }
    }
}
