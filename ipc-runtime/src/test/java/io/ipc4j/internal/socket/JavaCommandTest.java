package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of a child JVM: what the parent sees, given again. */
class JavaCommandTest {
  private static final Path CLASSES = Path.of("target", "test-classes").toAbsolutePath();
  private static final Path MORE = Path.of("target", "classes").toAbsolutePath();

  @Test
  void aClassOnTheClassPathRunsWithThatClassPathAndTheModulesThisJvmResolved() {
    JavaCommand.Facts facts = new JavaCommand.Facts("/jdk/bin/java", "a.jar:b.jar", "mods", null,
        Set.of("org.lib", "com.app"));
    assertThat(JavaCommand.of(facts, ChildMains.Idler.class, List.of("-Xmx64m"), List.of("--x"))).containsExactly(
        "/jdk/bin/java", "-Xmx64m", "-p", "mods", "-cp", "a.jar:b.jar", "--add-modules", "com.app,org.lib",
        ChildMains.Idler.class.getName(), "--x").inOrder();
  }

  @Test
  void aClassInANamedModuleOfTheBootLayerRunsAsThatModulesMainWithTheOtherModulesAdded() {
    JavaCommand.Facts facts = new JavaCommand.Facts("java", "", "mods", "upgrades",
        Set.of("java.base", "org.lib"));
    // a class of java.base stands in for any class of a named module in the boot layer
    assertThat(JavaCommand.of(facts, String.class, List.of(), List.of())).containsExactly(
        "java", "--upgrade-module-path", "upgrades", "-p", "mods", "--add-modules", "org.lib",
        "-m", "java.base/java.lang.String").inOrder();
  }

  @Test
  void aPlainClassPathGetsNoModuleOptions() {
    JavaCommand.Facts facts = new JavaCommand.Facts("java", "app.jar", null, null, Set.of());
    assertThat(JavaCommand.of(facts, ChildMains.Idler.class, List.of(), List.of())).containsExactly(
        "java", "-cp", "app.jar", ChildMains.Idler.class.getName()).inOrder();
  }

  @Test
  void aClassFromAClassLoaderOfItsOwnGivesThatLoadersFilesInsteadOfTheLaunchersClassPath() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {CLASSES.toUri().toURL(), MORE.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> loaded = loader.loadClass(ChildMains.Idler.class.getName());
      assertThat(JavaCommand.Facts.of(loaded).classPath()).isEqualTo(CLASSES + File.pathSeparator + MORE);
    }
  }

  @Test
  void aClassLoaderBelowTheApplicationLoaderAddsItsFilesAfterTheApplicationClassPath(@TempDir Path extra)
      throws Exception {
    String file = ChildMains.Idler.class.getName().replace('.', '/') + ".class";
    Files.createDirectories(extra.resolve(file).getParent());
    Files.copy(CLASSES.resolve(file), extra.resolve(file));
    try (URLClassLoader loader = new ChildFirst(extra.toUri().toURL())) {
      Class<?> loaded = loader.loadClass(ChildMains.Idler.class.getName());
      assertThat(loaded.getClassLoader()).isSameInstanceAs(loader);
      List<String> expected = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
      expected.removeIf(String::isEmpty);
      expected.add(extra.toString()); // searched after its parent's, as the parent is asked first by default
      assertThat(JavaCommand.Facts.of(loaded).classPath().split(File.pathSeparator)).asList()
          .containsExactlyElementsIn(expected).inOrder();
    }
  }

  /** A loader that looks in its own files first, as a plugin or web container's does, below the application's. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL url) {
      super(new URL[] {url}, ClassLoader.getSystemClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> found = findLoadedClass(name);
        if (found == null && name.equals(ChildMains.Idler.class.getName())) {
          found = findClass(name);
        }
        return found != null ? found : super.loadClass(name, resolve);
      }
    }
  }
}
