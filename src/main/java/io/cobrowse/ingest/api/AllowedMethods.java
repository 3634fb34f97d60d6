package io.cobrowse.ingest.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods each path of the service's resources answers, for the {@code Allow} header that a 405 must carry
 * (RFC 9110, section 15.5.6) and that Quarkus REST leaves out. Read once from the resource classes' annotations,
 * so that a new endpoint is covered without a list kept by hand.
 */
@ApplicationScoped
public class AllowedMethods {

    /** A path template's variable, {@code {name}} or {@code {name: regex}}. */
    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private record Route(Pattern path, Set<String> methods) {}

    private final List<Route> routes;

    @Inject
    public AllowedMethods(BeanManager beans) {
        this(beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(Bean::getBeanClass)
                .filter(c -> !c.isInterface() && c.isAnnotationPresent(Path.class))
                .distinct()
                .toList());
    }

    AllowedMethods(Collection<Class<?>> resources) {
        Map<String, Set<String>> byTemplate = new LinkedHashMap<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = verbOf(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = sub == null ? base : base + "/" + sub.value();
                byTemplate
                        .computeIfAbsent(normalized(template), t -> new TreeSet<>())
                        .add(verb);
            }
        }
        List<Route> out = new ArrayList<>();
        byTemplate.forEach((template, verbs) -> out.add(new Route(pattern(template), allow(verbs))));
        this.routes = List.copyOf(out);
    }

    /**
     * The value of the Allow header for a request path as sent (still percent-encoded, so that an encoded slash stays
     * within its segment, as Quarkus REST matches it): every method some resource answers there, with HEAD where GET
     * is (Quarkus REST answers it) and OPTIONS; empty when no resource has that path.
     */
    public Optional<String> allowFor(String path) {
        Set<String> verbs = new TreeSet<>();
        String normalized = normalized(path);
        for (Route route : routes) {
            if (route.path().matcher(normalized).matches()) {
                verbs.addAll(route.methods());
            }
        }
        return verbs.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", verbs));
    }

    private static Set<String> allow(Set<String> verbs) {
        Set<String> out = new TreeSet<>(verbs);
        if (out.contains("GET")) {
            out.add("HEAD");
        }
        out.add("OPTIONS");
        return out;
    }

    private static String verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** One leading slash, none doubled, none trailing. */
    private static String normalized(String path) {
        String out = ("/" + path).replaceAll("/{2,}", "/");
        return out.length() > 1 && out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher variable = VARIABLE.matcher(template);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start())));
            regex.append('(')
                    .append(variable.group(1) == null ? "[^/]+" : variable.group(1))
                    .append(')');
            last = variable.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
