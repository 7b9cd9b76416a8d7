package io.ipc4j.internal.socket;

import io.ipc4j.IpcException;
import java.io.File;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line of a child JVM that sees what this JVM sees, however this one was started: the same
 * {@code java}, upgrade module path, module path, the application modules of the boot layer, and the class path its
 * main class was loaded from. That class path is {@code java.class.path} ({@code java -cp}, an IDE), or, when the
 * class came from a {@link URLClassLoader} of its own ({@code mvn exec:java}, whose {@code java.class.path} is
 * Maven's launcher), that loader's files. Launcher options these facts do not show ({@code --add-opens},
 * {@code --patch-module}, agents) are the builder's JVM options to give.
 */
final class JavaCommand {
  private JavaCommand() {}

  /**
   * What a child JVM must be given to see what this one sees.
   *
   * @param java the {@code java} executable
   * @param classPath the class path of the main class's loader, or {@code java.class.path}; may be empty
   * @param modulePath {@code jdk.module.path}, or null
   * @param upgradeModulePath {@code jdk.module.upgrade.path}, or null
   * @param appModules the boot layer's modules that are not the runtime image's, sorted
   */
  record Facts(String java, String classPath, String modulePath, String upgradeModulePath, Set<String> appModules) {
    /** This JVM's facts, as seen from the class a child will run. */
    static Facts of(Class<?> mainClass) {
      return new Facts(javaExecutable(), loaderClassPath(mainClass), System.getProperty("jdk.module.path"),
          System.getProperty("jdk.module.upgrade.path"), bootLayerAppModules());
    }
  }

  /**
   * The child's command line.
   *
   * @param facts what this JVM sees
   * @param mainClass the child's main class
   * @param jvmOptions the builder's JVM options
   * @param args the child's arguments
   * @throws IpcException if the class is in a module outside the boot layer, which no command line can give
   */
  static List<String> of(Facts facts, Class<?> mainClass, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(facts.java());
    command.addAll(jvmOptions);
    addPath(command, "--upgrade-module-path", facts.upgradeModulePath());
    addPath(command, "-p", facts.modulePath());
    addPath(command, "-cp", facts.classPath());
    Module module = mainClass.getModule();
    Set<String> roots = new TreeSet<>(facts.appModules());
    if (module.isNamed()) {
      if (module.getLayer() != ModuleLayer.boot()) {
        throw new IpcException("Cannot launch " + mainClass.getName() + " as a renderer JVM: its module "
            + module.getName() + " is in a module layer that a command line cannot recreate; start the child with "
            + "IpcHost.launchProcess and a command line of your own");
      }
      roots.remove(module.getName());
    }
    if (!roots.isEmpty()) { // the modules this JVM resolved, resolved again: --add-modules does not show
      command.add("--add-modules");
      command.add(String.join(",", roots));
    }
    if (module.isNamed()) {
      command.add("-m");
      command.add(module.getName() + "/" + mainClass.getName());
    } else {
      command.add(mainClass.getName());
    }
    command.addAll(args);
    return command;
  }

  private static void addPath(List<String> command, String option, String path) {
    if (path != null && !path.isEmpty()) {
      command.add(option);
      command.add(path);
    }
  }

  /** This runtime's {@code java}, or the command that started this process where the runtime has none. */
  private static String javaExecutable() {
    Path home = Path.of(System.getProperty("java.home"), "bin");
    for (String name : List.of("java", "java.exe")) {
      if (Files.isExecutable(home.resolve(name))) {
        return home.resolve(name).toString();
      }
    }
    return ProcessHandle.current().info().command().orElse(home.resolve("java").toString());
  }

  /**
   * The files the main class's loader reads, its parents' first; {@code java.class.path} when it is the
   * application class loader or when a loader's files cannot be listed.
   */
  private static String loaderClassPath(Class<?> mainClass) {
    ClassLoader system = ClassLoader.getSystemClassLoader();
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    List<List<String>> levels = new ArrayList<>();
    ClassLoader loader = mainClass.getClassLoader();
    for (; loader != null && loader != system && loader != platform; loader = loader.getParent()) {
      if (!(loader instanceof URLClassLoader urls)) {
        return System.getProperty("java.class.path", "");
      }
      levels.add(0, files(urls.getURLs()));
    }
    Set<String> entries = new LinkedHashSet<>();
    if (loader == system) { // the application class path is a parent: it comes first, as it is searched first
      for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          entries.add(entry);
        }
      }
    }
    levels.forEach(entries::addAll);
    return String.join(File.pathSeparator, entries);
  }

  private static List<String> files(URL[] urls) {
    List<String> files = new ArrayList<>();
    for (URL url : urls) {
      try {
        if ("file".equals(url.getProtocol())) {
          files.add(Path.of(url.toURI()).toString());
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a file a command line can name: the child goes without it
      }
    }
    return files;
  }

  private static Set<String> bootLayerAppModules() {
    Set<String> names = new TreeSet<>();
    for (ResolvedModule module : ModuleLayer.boot().configuration().modules()) {
      boolean inImage = module.reference().location().map(uri -> "jrt".equals(uri.getScheme())).orElse(true);
      if (!inImage) {
        names.add(module.name());
      }
    }
    return names;
  }
}
