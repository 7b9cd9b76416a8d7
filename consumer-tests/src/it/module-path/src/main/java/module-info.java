module com.example.app {
  requires io.ipc4j.runtime;
  requires static io.ipc4j.annotations;
}
