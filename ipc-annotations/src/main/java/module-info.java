/**
 * The annotations that mark an interface as an ipc4j IPC contract.
 *
 * <p>They are read at compile time by the ipc4j annotation processor; none is kept at run time.
 */
module io.ipc4j.annotations {
  exports io.ipc4j.annotations;
}
