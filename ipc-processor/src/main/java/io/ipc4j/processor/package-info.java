/**
 * The ipc4j annotation processor, one job per file.
 *
 * <pre>
 * IpcProcessor        rounds, deferral of interfaces that wait for a generated type, internal failures
 *   ModelReader       annotated interface → Models.Interface (immutable)
 *     ResultReader    what a method returns: void, a value, a future, a stream (Flow.Publisher) of items
 *     TypeClassifier  declared type → ValueType (or Unsupported, with the reason)
 *     CodecCollector  the records and enums the signatures reach
 *     Environment     what the user's build can see (an @Inject annotation, java.compiler)
 *     Mirrors         lookups by name that the three above share
 *   Validator         model → Report (never writes); Message is the catalogue of every text shown
 *   Generator         model → the TypeSpec of &lt;Interface&gt;Ipc, from one generator per kind of output:
 *     MainGenerator, ClientGenerator, EventGenerator, CodecGenerator, ConverterGenerator
 *     Names (every member and local name, from NameAllocator), Snippets (shared pieces of code)
 *   SourceWriter      markers, the originating element, format; writes the file once
 * </pre>
 */
package io.ipc4j.processor;
