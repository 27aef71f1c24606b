package dev.sleigh;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The class dependency graph of imported classes and the groups of classes in it that reach each
 * other. A nested, anonymous or local class counts as its top-level class (a lambda's body already
 * lives in its class). Two kinds of naming are not counted as using, because in both a parent lists
 * its children: a sealed type naming a direct subtype of its own (the subtype depends on the type
 * it extends; the two are one family), and a class named as the value of an annotation, such as a
 * command naming its subcommands. The JDK's dependency analyser, which draws the graph in {@code
 * docs/architecture.md}, does not see annotation values either. A constant the compiler copied into
 * the class that reads it leaves no trace in the class files here, so it is not counted.
 */
final class ClassCycles {
  private ClassCycles() {}

  /** Top-level class name to the top-level class names it uses, among {@code classes} only. */
  static Map<String, Set<String>> graph(JavaClasses classes) {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (JavaClass origin : classes) {
      String from = topLevel(origin).getName();
      Set<String> uses = graph.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency d : origin.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass().getBaseComponentType();
        if (!classes.contain(target.getName())
            || isSealedFamily(origin, target)
            || isAnnotationValue(d)) {
          continue;
        }
        String to = topLevel(target).getName();
        if (!to.equals(from)) {
          uses.add(to);
        }
      }
    }
    return graph;
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }

  /**
   * Whether {@code origin} is a sealed type and {@code target} directly extends or implements it.
   */
  private static boolean isSealedFamily(JavaClass origin, JavaClass target) {
    boolean subtype =
        target.getRawSuperclass().map(s -> s.equals(origin)).orElse(false)
            || target.getRawInterfaces().contains(origin);
    return subtype && sealed(origin);
  }

  /**
   * Whether {@code d} is a class given as an annotation's value ({@code subcommands = X.class}).
   */
  private static boolean isAnnotationValue(Dependency d) {
    return d.getDescription().contains(" has annotation member of type ");
  }

  private static boolean sealed(JavaClass c) {
    try {
      return Class.forName(c.getName(), false, ClassCycles.class.getClassLoader()).isSealed();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("imported class " + c.getName() + " is not loadable", e);
    }
  }

  /**
   * The strongly connected components of more than one node (Tarjan's algorithm), each sorted, in
   * the order of their first member.
   */
  static List<SortedSet<String>> of(Map<String, Set<String>> graph) {
    var search = new Search(graph);
    for (String node : graph.keySet()) {
      if (!search.index.containsKey(node)) {
        search.connect(node);
      }
    }
    search.found.sort(Comparator.comparing(SortedSet::first));
    return search.found;
  }

  /** One run of the search: each node's visit order, its lowest reachable one, and the stack. */
  private static final class Search {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<SortedSet<String>> found = new ArrayList<>();

    Search(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    void connect(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.push(node);
      onStack.add(node);
      for (String next : graph.getOrDefault(node, Set.of())) {
        if (!index.containsKey(next)) {
          connect(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (onStack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        SortedSet<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        if (component.size() > 1) {
          found.add(component);
        }
      }
    }
  }
}
